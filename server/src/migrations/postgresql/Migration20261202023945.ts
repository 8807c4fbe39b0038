import { Migration } from '@mikro-orm/migrations';

export class Migration20261202023945 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enterprise_import" ("id" uuid not null, "uploaded_by_id" uuid not null, "uploaded_at" timestamptz not null, "file_name" varchar(255) not null, "format" varchar(255) not null, "rows" text not null, "imported_at" timestamptz null, "credentials" text null, constraint "enterprise_import_pkey" primary key ("id"));`);

    this.addSql(`alter table "enterprise_import" add constraint "enterprise_import_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter type "event_kind" add value if not exists 'ENTERPRISE_REGISTERED' after 'SNAPSHOT_TAKEN';`);

    this.addSql(`alter type "event_kind" add value if not exists 'ENTERPRISE_CHANGED' after 'ENTERPRISE_REGISTERED';`);

    this.addSql(`alter table "app_user" add column "active" boolean not null default true, add column "must_change_password" boolean not null default false, add column "password_changed_at" timestamptz null;`);

    this.addSql(`alter table "enterprise" add column "active" boolean not null default true, add column "retired_at" timestamptz null, add column "address" varchar(255) null, add column "contact_name" varchar(255) null, add column "contact_phone" varchar(255) null;`);
    this.addSql(`create index "enterprise_active_index" on "enterprise" ("active");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "enterprise_import" cascade;`);

    this.addSql(`alter table "app_user" drop column "active", drop column "must_change_password", drop column "password_changed_at";`);

    this.addSql(`drop index "enterprise_active_index";`);
    this.addSql(`alter table "enterprise" drop column "active", drop column "retired_at", drop column "address", drop column "contact_name", drop column "contact_phone";`);
  }

}
