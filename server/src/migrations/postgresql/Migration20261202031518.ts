import { Migration } from '@mikro-orm/migrations';

/** Sign-in throttling per account and per (account, address), in epoch ms; the old per-name rows are disposable. */
export class Migration20261202031518 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(`create table "login_throttle" ("subject" varchar(200) not null, "failures" int not null default 0, "blocked_until" bigint null, "checked_by" varchar(40) null, "expires_at" bigint not null, constraint "login_throttle_pkey" primary key ("subject"));`);
    this.addSql(`create index "login_throttle_expires_at_index" on "login_throttle" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(`create table "login_throttle" ("username" varchar(255) not null, "failures" int not null default 0, "last_failure_at" timestamptz not null, "blocked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("username"));`);
  }

}
