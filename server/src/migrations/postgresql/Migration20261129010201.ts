import { Migration } from '@mikro-orm/migrations';

export class Migration20261129010201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "kiosk_link" ("id" uuid not null, "token_hash" varchar(255) not null, "label" varchar(100) not null, "created_by_id" uuid not null, "created_at" timestamptz not null, "department_ids" jsonb null, "revoked_at" timestamptz null, constraint "kiosk_link_pkey" primary key ("id"));`);
    this.addSql(`alter table "kiosk_link" add constraint "kiosk_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "kiosk_link_created_by_id_index" on "kiosk_link" ("created_by_id");`);

    this.addSql(`alter table "kiosk_link" add constraint "kiosk_link_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "kiosk_link" cascade;`);
  }

}
