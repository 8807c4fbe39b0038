import { Migration } from '@mikro-orm/migrations';

/** Sign-in throttling per account and per (account, address), in epoch ms; the old per-name rows are disposable. */
export class Migration20261202031516 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`login_throttle\`;`);
    this.addSql(`create table \`login_throttle\` (\`subject\` text not null, \`failures\` integer not null default 0, \`blocked_until\` bigint null, \`checked_by\` text null, \`expires_at\` bigint not null, primary key (\`subject\`));`);
    this.addSql(`create index \`login_throttle_expires_at_index\` on \`login_throttle\` (\`expires_at\`);`);
  }

}
