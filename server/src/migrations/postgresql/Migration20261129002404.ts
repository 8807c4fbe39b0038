import { Migration } from '@mikro-orm/migrations';

export class Migration20261129002404 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "alert_kind" as enum ('NO_LOGIN', 'NO_FILING', 'OVERDUE');`);
    this.addSql(`create table "alert" ("id" uuid not null, "kind" "alert_kind" not null, "enterprise_id" uuid not null, "hazard_id" uuid null, "since" timestamptz not null, "raised_at" timestamptz not null, "cleared_at" timestamptz null, "active_key" varchar(255) null, constraint "alert_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_enterprise_id_index" on "alert" ("enterprise_id");`);
    this.addSql(`create index "alert_hazard_id_index" on "alert" ("hazard_id");`);
    this.addSql(`alter table "alert" add constraint "alert_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "alert_kind_cleared_at_index" on "alert" ("kind", "cleared_at");`);

    this.addSql(`alter table "alert" add constraint "alert_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "alert" add constraint "alert_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade on delete set null;`);

    this.addSql(`create index "event_log_hazard_id_index" on "event_log" ("hazard_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alert" cascade;`);

    this.addSql(`drop index "event_log_hazard_id_index";`);

    this.addSql(`drop type "alert_kind";`);
  }

}
