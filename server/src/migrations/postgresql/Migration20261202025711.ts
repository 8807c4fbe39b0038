import { Migration } from '@mikro-orm/migrations';

export class Migration20261202025711 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "assessment_kind" as enum ('ENTERPRISE', 'DEPARTMENT', 'CADRE');`);
    this.addSql(`create table "assessment_period" ("id" uuid not null, "kind" "assessment_kind" not null, "period_from" timestamptz not null, "period_to" timestamptz not null, "scheme_version" int not null, "results" text not null, "closed_at" timestamptz not null, "closed_by" uuid not null, constraint "assessment_period_pkey" primary key ("id"));`);
    this.addSql(`create index "assessment_period_kind_closed_at_index" on "assessment_period" ("kind", "closed_at");`);
    this.addSql(`alter table "assessment_period" add constraint "assessment_period_kind_period_from_period_to_unique" unique ("kind", "period_from", "period_to");`);

    this.addSql(`create table "assessment_scheme" ("id" uuid not null, "kind" "assessment_kind" not null, "version" int not null, "items" text not null, "note" text null, "saved_at" timestamptz not null, "saved_by" uuid not null, constraint "assessment_scheme_pkey" primary key ("id"));`);
    this.addSql(`alter table "assessment_scheme" add constraint "assessment_scheme_kind_version_unique" unique ("kind", "version");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "assessment_period" cascade;`);

    this.addSql(`drop table if exists "assessment_scheme" cascade;`);

    this.addSql(`drop type "assessment_kind";`);
  }

}
