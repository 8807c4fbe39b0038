import { Migration } from '@mikro-orm/migrations';

export class Migration20261202031255 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "risk_point_kind" as enum ('FACILITY', 'SITE', 'AREA', 'ACTIVITY');`);
    this.addSql(`create type "risk_level" as enum ('MAJOR', 'HIGH', 'MEDIUM', 'LOW');`);
    this.addSql(`create type "control_category" as enum ('ENGINEERING', 'MAINTENANCE', 'OPERATION', 'EMERGENCY');`);
    this.addSql(`create type "check_role" as enum ('PRINCIPAL', 'TECHNICAL', 'OPERATIONS', 'POST');`);
    this.addSql(`create type "check_task_status" as enum ('DUE', 'DONE', 'MISSED');`);
    this.addSql(`create type "check_result" as enum ('NORMAL', 'HAZARD_FOUND');`);
    this.addSql(`create table "risk_point" ("id" uuid not null, "enterprise_id" uuid not null, "name" varchar(200) not null, "kind" "risk_point_kind" not null, "location" varchar(255) null, "likelihood" int not null, "severity" int not null, "score" int not null, "level" "risk_level" not null, "responsible_person" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "risk_point_pkey" primary key ("id"));`);
    this.addSql(`create index "risk_point_level_index" on "risk_point" ("level");`);
    this.addSql(`create index "risk_point_enterprise_id_score_index" on "risk_point" ("enterprise_id", "score");`);

    this.addSql(`create table "risk_level_change" ("id" uuid not null, "risk_point_id" uuid not null, "at" timestamptz not null, "likelihood" int not null, "severity" int not null, "score" int not null, "level" "risk_level" not null, "previous_level" "risk_level" null, constraint "risk_level_change_pkey" primary key ("id"));`);
    this.addSql(`create index "risk_level_change_risk_point_id_at_index" on "risk_level_change" ("risk_point_id", "at");`);

    this.addSql(`create table "control_measure" ("id" uuid not null, "risk_point_id" uuid not null, "enterprise_id" uuid not null, "description" text not null, "category" "control_category" not null, "check_every" varchar(255) not null, "check_every_seconds" int not null, "check_role" "check_role" not null, "next_due_at" timestamptz not null, "current_task_id" uuid null, "missed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "control_measure_pkey" primary key ("id"));`);
    this.addSql(`create index "control_measure_risk_point_id_index" on "control_measure" ("risk_point_id");`);
    this.addSql(`create index "control_measure_next_due_at_index" on "control_measure" ("next_due_at");`);
    this.addSql(`create index "control_measure_missed_at_index" on "control_measure" ("missed_at");`);
    this.addSql(`create index "control_measure_enterprise_id_missed_at_index" on "control_measure" ("enterprise_id", "missed_at");`);

    this.addSql(`create table "check_task" ("id" uuid not null, "measure_id" uuid not null, "enterprise_id" uuid not null, "opens_at" timestamptz not null, "due_at" timestamptz not null, "status" "check_task_status" not null, "done_at" timestamptz null, "result" "check_result" null, "note" text null, "hazard_id" uuid null, "recorded_by_id" uuid null, "idempotency_key" varchar(255) null, constraint "check_task_pkey" primary key ("id"));`);
    this.addSql(`create index "check_task_hazard_id_index" on "check_task" ("hazard_id");`);
    this.addSql(`create index "check_task_status_due_at_index" on "check_task" ("status", "due_at");`);
    this.addSql(`create index "check_task_enterprise_id_due_at_index" on "check_task" ("enterprise_id", "due_at");`);
    this.addSql(`alter table "check_task" add constraint "check_task_recorded_by_id_idempotency_key_unique" unique ("recorded_by_id", "idempotency_key");`);
    this.addSql(`alter table "check_task" add constraint "check_task_measure_id_opens_at_unique" unique ("measure_id", "opens_at");`);

    this.addSql(`alter table "risk_point" add constraint "risk_point_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);

    this.addSql(`alter table "risk_level_change" add constraint "risk_level_change_risk_point_id_foreign" foreign key ("risk_point_id") references "risk_point" ("id") on update cascade;`);

    this.addSql(`alter table "control_measure" add constraint "control_measure_risk_point_id_foreign" foreign key ("risk_point_id") references "risk_point" ("id") on update cascade;`);
    this.addSql(`alter table "control_measure" add constraint "control_measure_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);

    this.addSql(`alter table "check_task" add constraint "check_task_measure_id_foreign" foreign key ("measure_id") references "control_measure" ("id") on update cascade;`);
    this.addSql(`alter table "check_task" add constraint "check_task_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "check_task" add constraint "check_task_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "check_task" add constraint "check_task_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter type "event_kind" add value if not exists 'CHECK_MISSED' after 'ENTERPRISE_CHANGED';`);

    this.addSql(`alter type "event_kind" add value if not exists 'CHECK_RECORDED' after 'CHECK_MISSED';`);

    this.addSql(`alter type "event_kind" add value if not exists 'RISK_CHANGED' after 'CHECK_RECORDED';`);

    this.addSql(`alter type "event_kind" add value if not exists 'SUPERVISION_CLASS_CHANGED' after 'RISK_CHANGED';`);

    this.addSql(`alter type "alert_kind" add value if not exists 'CHECKS_MISSED' after 'OVERDUE';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "risk_level_change" drop constraint "risk_level_change_risk_point_id_foreign";`);

    this.addSql(`alter table "control_measure" drop constraint "control_measure_risk_point_id_foreign";`);

    this.addSql(`alter table "check_task" drop constraint "check_task_measure_id_foreign";`);

    this.addSql(`drop table if exists "risk_point" cascade;`);

    this.addSql(`drop table if exists "risk_level_change" cascade;`);

    this.addSql(`drop table if exists "control_measure" cascade;`);

    this.addSql(`drop table if exists "check_task" cascade;`);

    this.addSql(`drop type "risk_point_kind";`);
    this.addSql(`drop type "risk_level";`);
    this.addSql(`drop type "control_category";`);
    this.addSql(`drop type "check_role";`);
    this.addSql(`drop type "check_task_status";`);
    this.addSql(`drop type "check_result";`);
  }

}
