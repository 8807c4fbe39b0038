import { Migration } from '@mikro-orm/migrations';

export class Migration20261129003709 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "inspection_kind" as enum ('SELF_INSPECTION', 'REGULATOR_INSPECTION');`);
    this.addSql(`create type "photo_phase" as enum ('BEFORE', 'AFTER');`);
    this.addSql(`create type "finding_outcome" as enum ('MATCHED', 'NEW_HAZARD', 'NOT_RECTIFIED');`);
    this.addSql(`create type "extension_status" as enum ('PENDING', 'APPROVED', 'REFUSED');`);
    this.addSql(`create type "enforcement_kind" as enum ('SUMMONS', 'CASE_FILED', 'PENALTY', 'SUSPENSION');`);
    this.addSql(`create table "inspection" ("id" uuid not null, "enterprise_id" uuid not null, "kind" "inspection_kind" not null, "inspected_at" timestamptz not null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, "note" text null, constraint "inspection_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_kind_index" on "inspection" ("kind");`);
    this.addSql(`create index "inspection_inspected_at_index" on "inspection" ("inspected_at");`);
    this.addSql(`create index "inspection_enterprise_id_inspected_at_index" on "inspection" ("enterprise_id", "inspected_at");`);

    this.addSql(`create table "photo" ("id" uuid not null, "uploaded_by_id" uuid not null, "uploaded_at" timestamptz not null, "sha256" varchar(64) not null, "mime_type" varchar(20) not null, "width" int not null, "height" int not null, "bytes" int not null, "original_file" varchar(255) not null, "display_file" varchar(255) not null, "hazard_id" uuid null, "phase" "photo_phase" null, "attached_at" timestamptz null, constraint "photo_pkey" primary key ("id"));`);
    this.addSql(`create index "photo_uploaded_by_id_index" on "photo" ("uploaded_by_id");`);
    this.addSql(`create index "photo_hazard_id_uploaded_at_index" on "photo" ("hazard_id", "uploaded_at");`);

    this.addSql(`create table "inspection_finding" ("id" uuid not null, "inspection_id" uuid not null, "enterprise_id" uuid not null, "position" int not null, "outcome" "finding_outcome" not null, "hazard_id" uuid not null, "discrepancy" boolean not null default false, "false_rectification" boolean not null default false, "note" text null, constraint "inspection_finding_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_finding_inspection_id_index" on "inspection_finding" ("inspection_id");`);
    this.addSql(`create index "inspection_finding_hazard_id_index" on "inspection_finding" ("hazard_id");`);
    this.addSql(`create index "inspection_finding_enterprise_id_false_rectification_index" on "inspection_finding" ("enterprise_id", "false_rectification");`);
    this.addSql(`create index "inspection_finding_enterprise_id_discrepancy_index" on "inspection_finding" ("enterprise_id", "discrepancy");`);

    this.addSql(`create table "extension_request" ("id" uuid not null, "hazard_id" uuid not null, "requested_by_id" uuid not null, "requested_at" timestamptz not null, "previous_deadline" timestamptz not null, "until" timestamptz not null, "reason" text not null, "status" "extension_status" not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" text null, constraint "extension_request_pkey" primary key ("id"));`);
    this.addSql(`create index "extension_request_status_index" on "extension_request" ("status");`);
    this.addSql(`create index "extension_request_hazard_id_requested_at_index" on "extension_request" ("hazard_id", "requested_at");`);

    this.addSql(`create table "enforcement_action" ("id" uuid not null, "enterprise_id" uuid not null, "kind" "enforcement_kind" not null, "basis" text not null, "amount_fen" bigint null, "suspension_days" int null, "note" text null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, "for_major_hazard" boolean not null default false, constraint "enforcement_action_pkey" primary key ("id"));`);
    this.addSql(`create index "enforcement_action_kind_recorded_at_index" on "enforcement_action" ("kind", "recorded_at");`);
    this.addSql(`create index "enforcement_action_enterprise_id_kind_recorded_at_index" on "enforcement_action" ("enterprise_id", "kind", "recorded_at");`);

    this.addSql(`create table "enforcement_action_hazard" ("enforcement_action_id" uuid not null, "hazard_id" uuid not null, constraint "enforcement_action_hazard_pkey" primary key ("enforcement_action_id", "hazard_id"));`);

    this.addSql(`alter table "inspection" add constraint "inspection_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "inspection" add constraint "inspection_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "photo" add constraint "photo_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "photo" add constraint "photo_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "inspection_finding" add constraint "inspection_finding_inspection_id_foreign" foreign key ("inspection_id") references "inspection" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_finding" add constraint "inspection_finding_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_finding" add constraint "inspection_finding_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade;`);

    this.addSql(`alter table "extension_request" add constraint "extension_request_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade;`);
    this.addSql(`alter table "extension_request" add constraint "extension_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "extension_request" add constraint "extension_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "enforcement_action" add constraint "enforcement_action_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "enforcement_action" add constraint "enforcement_action_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "enforcement_action_hazard" add constraint "enforcement_action_hazard_enforcement_action_id_foreign" foreign key ("enforcement_action_id") references "enforcement_action" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "enforcement_action_hazard" add constraint "enforcement_action_hazard_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "hazard" add column "rejection_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "inspection_finding" drop constraint "inspection_finding_inspection_id_foreign";`);

    this.addSql(`alter table "enforcement_action_hazard" drop constraint "enforcement_action_hazard_enforcement_action_id_foreign";`);

    this.addSql(`drop table if exists "inspection" cascade;`);

    this.addSql(`drop table if exists "photo" cascade;`);

    this.addSql(`drop table if exists "inspection_finding" cascade;`);

    this.addSql(`drop table if exists "extension_request" cascade;`);

    this.addSql(`drop table if exists "enforcement_action" cascade;`);

    this.addSql(`drop table if exists "enforcement_action_hazard" cascade;`);

    this.addSql(`alter table "hazard" drop column "rejection_reason";`);

    this.addSql(`drop type "inspection_kind";`);
    this.addSql(`drop type "photo_phase";`);
    this.addSql(`drop type "finding_outcome";`);
    this.addSql(`drop type "extension_status";`);
    this.addSql(`drop type "enforcement_kind";`);
  }

}
