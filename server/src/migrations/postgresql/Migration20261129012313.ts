import { Migration } from '@mikro-orm/migrations';

export class Migration20261129012313 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "reminder_trigger" as enum ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND');`);
    this.addSql(`create type "delivery_subject" as enum ('SNAPSHOT', 'WEEKLY_DISPATCH', 'BULLETIN');`);
    this.addSql(`create type "delivery_format" as enum ('JSON', 'WECOM_MARKDOWN', 'WECOM_IMAGE');`);
    this.addSql(`create type "delivery_status" as enum ('PENDING', 'DELIVERED', 'FAILED');`);
    this.addSql(`create type "event_kind" as enum ('ENTERPRISE_LOGGED_IN', 'HAZARD_FILED', 'HAZARD_REGRADED', 'RECTIFICATION_SUBMITTED', 'RECTIFICATION_REJECTED', 'HAZARD_CLOSED', 'DEADLINE_MISSED', 'DEADLINE_EXTENDED', 'ALERT_RAISED', 'ALERT_CLEARED', 'ENFORCEMENT_RECORDED', 'SNAPSHOT_TAKEN');`);
    this.addSql(`create type "role" as enum ('ENTERPRISE', 'INSPECTOR', 'SECTION_CHIEF', 'DEPUTY_LEADER', 'DIRECTOR', 'ANALYST', 'ADMIN');`);
    this.addSql(`create type "industry" as enum ('COAL_MINE', 'NON_COAL_MINE', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'OTHER');`);
    this.addSql(`create type "inspection_kind" as enum ('SELF_INSPECTION', 'REGULATOR_INSPECTION');`);
    this.addSql(`create type "hazard_grade" as enum ('MAJOR', 'SECOND', 'THIRD');`);
    this.addSql(`create type "hazard_status" as enum ('RECTIFYING', 'PENDING_VERIFICATION', 'CLOSED');`);
    this.addSql(`create type "hazard_source" as enum ('SELF_INSPECTION', 'REGULATOR_INSPECTION', 'PUBLIC_REPORT', 'OTHER_AGENCY');`);
    this.addSql(`create type "photo_phase" as enum ('BEFORE', 'AFTER');`);
    this.addSql(`create type "finding_outcome" as enum ('MATCHED', 'NEW_HAZARD', 'NOT_RECTIFIED');`);
    this.addSql(`create type "extension_status" as enum ('PENDING', 'APPROVED', 'REFUSED');`);
    this.addSql(`create type "enforcement_kind" as enum ('SUMMONS', 'CASE_FILED', 'PENALTY', 'SUSPENSION');`);
    this.addSql(`create type "alert_kind" as enum ('NO_LOGIN', 'NO_FILING', 'OVERDUE');`);
    this.addSql(`create type "snapshot_image_status" as enum ('PENDING', 'STORED', 'UNAVAILABLE');`);
    this.addSql(`create table "bulletin" ("id" uuid not null, "period_start" varchar(10) not null, "period_end" varchar(10) not null, "issued_at" timestamptz not null, "trigger" "reminder_trigger" not null, "data" text not null, "content_hash" varchar(64) not null, constraint "bulletin_pkey" primary key ("id"));`);
    this.addSql(`alter table "bulletin" add constraint "bulletin_period_start_unique" unique ("period_start");`);

    this.addSql(`create table "delivery" ("id" uuid not null, "subject" "delivery_subject" not null, "subject_key" varchar(10) not null, "target" varchar(500) not null, "format" "delivery_format" not null, "status" "delivery_status" not null, "attempts" int not null default 0, "http_status" int null, "last_error" text null, "created_at" timestamptz not null, "finished_at" timestamptz null, "target_hash" varchar(64) null, "body" text null, "lease_until" timestamptz null, constraint "delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "delivery_status_index" on "delivery" ("status");`);
    this.addSql(`create index "delivery_created_at_id_index" on "delivery" ("created_at", "id");`);

    this.addSql(`create table "event_log" ("seq" int not null, "kind" "event_kind" not null, "at" timestamptz not null, "enterprise_id" uuid null, "department_id" uuid null, "hazard_id" uuid null, "payload" text null, constraint "event_log_pkey" primary key ("seq"));`);
    this.addSql(`create index "event_log_enterprise_id_index" on "event_log" ("enterprise_id");`);
    this.addSql(`create index "event_log_department_id_index" on "event_log" ("department_id");`);
    this.addSql(`create index "event_log_hazard_id_index" on "event_log" ("hazard_id");`);

    this.addSql(`create table "login_throttle" ("username" varchar(255) not null, "failures" int not null default 0, "last_failure_at" timestamptz not null, "blocked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("username"));`);

    this.addSql(`create table "township" ("id" uuid not null, "name" varchar(255) not null, constraint "township_pkey" primary key ("id"));`);
    this.addSql(`alter table "township" add constraint "township_name_unique" unique ("name");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "username" varchar(255) not null, "display_name" varchar(255) not null, "role" "role" not null, "password_hash" varchar(255) not null, "department_id" uuid null, "enterprise_id" uuid null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`create index "app_user_department_id_index" on "app_user" ("department_id");`);
    this.addSql(`create index "app_user_enterprise_id_index" on "app_user" ("enterprise_id");`);

    this.addSql(`create table "kiosk_link" ("id" uuid not null, "token_hash" varchar(255) not null, "label" varchar(100) not null, "created_by_id" uuid not null, "created_at" timestamptz not null, "department_ids" jsonb null, "revoked_at" timestamptz null, constraint "kiosk_link_pkey" primary key ("id"));`);
    this.addSql(`alter table "kiosk_link" add constraint "kiosk_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "kiosk_link_created_by_id_index" on "kiosk_link" ("created_by_id");`);

    this.addSql(`create table "department" ("id" uuid not null, "number" int not null, "name" varchar(255) not null, "leader_id" uuid null, "chief_id" uuid null, constraint "department_pkey" primary key ("id"));`);
    this.addSql(`alter table "department" add constraint "department_number_unique" unique ("number");`);
    this.addSql(`alter table "department" add constraint "department_name_unique" unique ("name");`);
    this.addSql(`create index "department_leader_id_index" on "department" ("leader_id");`);

    this.addSql(`create table "enterprise" ("id" uuid not null, "code" varchar(255) not null, "name" varchar(255) not null, "credit_code" varchar(18) not null, "industry" "industry" not null, "township_id" uuid not null, "department_id" uuid not null, "registered_at" timestamptz not null, "last_login_at" timestamptz null, "last_filing_at" timestamptz null, "key_target" boolean not null default false, constraint "enterprise_pkey" primary key ("id"));`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_code_unique" unique ("code");`);
    this.addSql(`create index "enterprise_name_index" on "enterprise" ("name");`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "enterprise_industry_index" on "enterprise" ("industry");`);
    this.addSql(`create index "enterprise_township_id_index" on "enterprise" ("township_id");`);
    this.addSql(`create index "enterprise_department_id_index" on "enterprise" ("department_id");`);
    this.addSql(`create index "enterprise_registered_at_index" on "enterprise" ("registered_at");`);
    this.addSql(`create index "enterprise_last_login_at_index" on "enterprise" ("last_login_at");`);
    this.addSql(`create index "enterprise_last_filing_at_index" on "enterprise" ("last_filing_at");`);
    this.addSql(`create index "enterprise_key_target_index" on "enterprise" ("key_target");`);
    this.addSql(`create index "enterprise_department_id_code_index" on "enterprise" ("department_id", "code");`);

    this.addSql(`create table "login_event" ("id" uuid not null, "enterprise_id" uuid not null, "user_id" uuid not null, "at" timestamptz not null, constraint "login_event_pkey" primary key ("id"));`);
    this.addSql(`create index "login_event_user_id_index" on "login_event" ("user_id");`);
    this.addSql(`create index "login_event_at_index" on "login_event" ("at");`);
    this.addSql(`create index "login_event_enterprise_id_at_index" on "login_event" ("enterprise_id", "at");`);

    this.addSql(`create table "inspection" ("id" uuid not null, "enterprise_id" uuid not null, "kind" "inspection_kind" not null, "inspected_at" timestamptz not null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, "note" text null, constraint "inspection_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_kind_index" on "inspection" ("kind");`);
    this.addSql(`create index "inspection_inspected_at_index" on "inspection" ("inspected_at");`);
    this.addSql(`create index "inspection_enterprise_id_inspected_at_index" on "inspection" ("enterprise_id", "inspected_at");`);

    this.addSql(`create table "hazard" ("id" uuid not null, "enterprise_id" uuid not null, "title" varchar(200) not null, "description" text null, "location" varchar(255) null, "grade" "hazard_grade" not null, "status" "hazard_status" not null, "source" "hazard_source" not null, "rectified_on_spot" boolean not null default false, "backfilled" boolean not null default false, "discovered_at" timestamptz not null, "filed_at" timestamptz not null, "deadline" timestamptz null, "closed_at" timestamptz null, "submitted_at" timestamptz null, "submitted_late" boolean not null default false, "rejection_reason" text null, "responsible_person" varchar(255) null, "measures" text null, "plan_objectives" text null, "plan_funding" text null, "plan_emergency_measures" text null, "filed_by_id" uuid null, "idempotency_key" varchar(255) null, "input_hash" varchar(255) null, constraint "hazard_pkey" primary key ("id"));`);
    this.addSql(`create index "hazard_grade_index" on "hazard" ("grade");`);
    this.addSql(`create index "hazard_status_index" on "hazard" ("status");`);
    this.addSql(`create index "hazard_source_index" on "hazard" ("source");`);
    this.addSql(`create index "hazard_discovered_at_index" on "hazard" ("discovered_at");`);
    this.addSql(`create index "hazard_deadline_index" on "hazard" ("deadline");`);
    this.addSql(`create index "hazard_closed_at_index" on "hazard" ("closed_at");`);
    this.addSql(`create index "hazard_filed_by_id_index" on "hazard" ("filed_by_id");`);
    this.addSql(`create index "hazard_filed_at_id_index" on "hazard" ("filed_at", "id");`);
    this.addSql(`create index "hazard_status_deadline_index" on "hazard" ("status", "deadline");`);
    this.addSql(`create index "hazard_enterprise_id_filed_at_index" on "hazard" ("enterprise_id", "filed_at");`);
    this.addSql(`alter table "hazard" add constraint "hazard_filed_by_id_idempotency_key_unique" unique ("filed_by_id", "idempotency_key");`);

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

    this.addSql(`create table "alert" ("id" uuid not null, "kind" "alert_kind" not null, "enterprise_id" uuid not null, "hazard_id" uuid null, "since" timestamptz not null, "raised_at" timestamptz not null, "cleared_at" timestamptz null, "active_key" varchar(255) null, constraint "alert_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_enterprise_id_index" on "alert" ("enterprise_id");`);
    this.addSql(`create index "alert_hazard_id_index" on "alert" ("hazard_id");`);
    this.addSql(`alter table "alert" add constraint "alert_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "alert_kind_cleared_at_index" on "alert" ("kind", "cleared_at");`);

    this.addSql(`create table "daily_snapshot" ("id" uuid not null, "date" varchar(10) not null, "taken_at" timestamptz not null, "trigger" "reminder_trigger" not null, "taken_by_id" uuid null, "data" text not null, "content_hash" varchar(64) not null, "image_status" "snapshot_image_status" not null, "image_unavailable_reason" text null, "image_png" bytea null, "image_bytes" int null, "image_width" int null, "image_height" int null, "image_md5" varchar(32) null, "image_rendered_at" timestamptz null, "image_attempts" int not null default 0, constraint "daily_snapshot_pkey" primary key ("id"));`);
    this.addSql(`alter table "daily_snapshot" add constraint "daily_snapshot_date_unique" unique ("date");`);

    this.addSql(`create table "auth_session" ("id" uuid not null, "token_hash" varchar(255) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "auth_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);

    this.addSql(`create table "audit_entry" ("seq" int not null, "at" timestamptz not null, "actor_id" uuid null, "action" varchar(255) not null, "subject_type" varchar(255) not null, "subject_id" varchar(255) not null, "data" text not null, "hash" varchar(64) not null, "prev_hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("seq"));`);
    this.addSql(`create index "audit_entry_subject_id_seq_index" on "audit_entry" ("subject_id", "seq");`);

    this.addSql(`create table "weekly_dispatch" ("id" uuid not null, "week_of" varchar(10) not null, "issued_at" timestamptz not null, "trigger" "reminder_trigger" not null, "data" text not null, "content_hash" varchar(64) not null, constraint "weekly_dispatch_pkey" primary key ("id"));`);
    this.addSql(`alter table "weekly_dispatch" add constraint "weekly_dispatch_week_of_unique" unique ("week_of");`);

    this.addSql(`alter table "app_user" add constraint "app_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "kiosk_link" add constraint "kiosk_link_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "department" add constraint "department_leader_id_foreign" foreign key ("leader_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "department" add constraint "department_chief_id_foreign" foreign key ("chief_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "enterprise" add constraint "enterprise_township_id_foreign" foreign key ("township_id") references "township" ("id") on update cascade;`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);

    this.addSql(`alter table "login_event" add constraint "login_event_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "login_event" add constraint "login_event_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "inspection" add constraint "inspection_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "inspection" add constraint "inspection_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "hazard" add constraint "hazard_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "hazard" add constraint "hazard_filed_by_id_foreign" foreign key ("filed_by_id") references "app_user" ("id") on update cascade on delete set null;`);

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

    this.addSql(`alter table "alert" add constraint "alert_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade;`);
    this.addSql(`alter table "alert" add constraint "alert_hazard_id_foreign" foreign key ("hazard_id") references "hazard" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "daily_snapshot" add constraint "daily_snapshot_taken_by_id_foreign" foreign key ("taken_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

}
