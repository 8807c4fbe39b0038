import { Migration } from '@mikro-orm/migrations';

export class Migration20261202045933 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "supervision_class" as enum ('A', 'B', 'C', 'D');`);
    this.addSql(`create table "supervision_standing" ("id" uuid not null, "enterprise_id" uuid not null, "supervision_class" "supervision_class" not null, "reasons" text not null, "since" timestamptz not null, constraint "supervision_standing_pkey" primary key ("id"));`);
    this.addSql(`alter table "supervision_standing" add constraint "supervision_standing_enterprise_id_unique" unique ("enterprise_id");`);

    this.addSql(`create table "supervision_class_change" ("id" uuid not null, "enterprise_id" uuid not null, "at" timestamptz not null, "supervision_class" "supervision_class" not null, "previous_class" "supervision_class" null, "reasons_json" text not null, constraint "supervision_class_change_pkey" primary key ("id"));`);
    this.addSql(`create index "supervision_class_change_enterprise_id_at_index" on "supervision_class_change" ("enterprise_id", "at");`);

    this.addSql(`alter table "supervision_standing" add constraint "supervision_standing_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);

    this.addSql(`alter table "supervision_class_change" add constraint "supervision_class_change_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "supervision_standing" cascade;`);

    this.addSql(`drop table if exists "supervision_class_change" cascade;`);

    this.addSql(`drop type "supervision_class";`);
  }

}
