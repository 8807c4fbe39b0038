import { Migration } from '@mikro-orm/migrations';

export class Migration20261129002656 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "reminder_trigger" as enum ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND');`);
    this.addSql(`create type "delivery_subject" as enum ('SNAPSHOT', 'WEEKLY_DISPATCH', 'BULLETIN');`);
    this.addSql(`create type "delivery_format" as enum ('JSON', 'WECOM_MARKDOWN', 'WECOM_IMAGE');`);
    this.addSql(`create type "delivery_status" as enum ('PENDING', 'DELIVERED', 'FAILED');`);
    this.addSql(`create type "snapshot_image_status" as enum ('PENDING', 'STORED', 'UNAVAILABLE');`);
    this.addSql(`create table "bulletin" ("id" uuid not null, "period_start" varchar(10) not null, "period_end" varchar(10) not null, "issued_at" timestamptz not null, "trigger" "reminder_trigger" not null, "data" text not null, "content_hash" varchar(64) not null, constraint "bulletin_pkey" primary key ("id"));`);
    this.addSql(`alter table "bulletin" add constraint "bulletin_period_start_unique" unique ("period_start");`);

    this.addSql(`create table "delivery" ("id" uuid not null, "subject" "delivery_subject" not null, "subject_key" varchar(10) not null, "target" varchar(500) not null, "format" "delivery_format" not null, "status" "delivery_status" not null, "attempts" int not null default 0, "http_status" int null, "last_error" text null, "created_at" timestamptz not null, "finished_at" timestamptz null, constraint "delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "delivery_status_index" on "delivery" ("status");`);
    this.addSql(`create index "delivery_created_at_id_index" on "delivery" ("created_at", "id");`);

    this.addSql(`create table "daily_snapshot" ("id" uuid not null, "date" varchar(10) not null, "taken_at" timestamptz not null, "trigger" "reminder_trigger" not null, "taken_by_id" uuid null, "data" text not null, "content_hash" varchar(64) not null, "image_status" "snapshot_image_status" not null, "image_unavailable_reason" text null, "image_png" bytea null, "image_bytes" int null, "image_width" int null, "image_height" int null, "image_md5" varchar(32) null, "image_rendered_at" timestamptz null, "image_attempts" int not null default 0, constraint "daily_snapshot_pkey" primary key ("id"));`);
    this.addSql(`alter table "daily_snapshot" add constraint "daily_snapshot_date_unique" unique ("date");`);

    this.addSql(`create table "weekly_dispatch" ("id" uuid not null, "week_of" varchar(10) not null, "issued_at" timestamptz not null, "trigger" "reminder_trigger" not null, "data" text not null, "content_hash" varchar(64) not null, constraint "weekly_dispatch_pkey" primary key ("id"));`);
    this.addSql(`alter table "weekly_dispatch" add constraint "weekly_dispatch_week_of_unique" unique ("week_of");`);

    this.addSql(`alter table "daily_snapshot" add constraint "daily_snapshot_taken_by_id_foreign" foreign key ("taken_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bulletin" cascade;`);

    this.addSql(`drop table if exists "delivery" cascade;`);

    this.addSql(`drop table if exists "daily_snapshot" cascade;`);

    this.addSql(`drop table if exists "weekly_dispatch" cascade;`);

    this.addSql(`drop type "reminder_trigger";`);
    this.addSql(`drop type "delivery_subject";`);
    this.addSql(`drop type "delivery_format";`);
    this.addSql(`drop type "delivery_status";`);
    this.addSql(`drop type "snapshot_image_status";`);
  }

}
