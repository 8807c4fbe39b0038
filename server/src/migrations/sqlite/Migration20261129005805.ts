import { Migration } from '@mikro-orm/migrations';

export class Migration20261129005805 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`delivery\` add column \`target_hash\` text null;`);
    this.addSql(`alter table \`delivery\` add column \`body\` text null;`);
    this.addSql(`alter table \`delivery\` add column \`lease_until\` datetime null;`);
  }

}
