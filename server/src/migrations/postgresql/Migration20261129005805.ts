import { Migration } from '@mikro-orm/migrations';

export class Migration20261129005805 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "delivery" add column "target_hash" varchar(64) null, add column "body" text null, add column "lease_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "delivery" drop column "target_hash", drop column "body", drop column "lease_until";`);
  }

}
