import { Migration } from '@mikro-orm/migrations';

export class Migration20261129012313 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bulletin\` (\`id\` text not null, \`period_start\` text not null, \`period_end\` text not null, \`issued_at\` datetime not null, \`trigger\` text check (\`trigger\` in ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND')) not null, \`data\` text not null, \`content_hash\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`bulletin_period_start_unique\` on \`bulletin\` (\`period_start\`);`);

    this.addSql(`create table \`delivery\` (\`id\` text not null, \`subject\` text check (\`subject\` in ('SNAPSHOT', 'WEEKLY_DISPATCH', 'BULLETIN')) not null, \`subject_key\` text not null, \`target\` text not null, \`format\` text check (\`format\` in ('JSON', 'WECOM_MARKDOWN', 'WECOM_IMAGE')) not null, \`status\` text check (\`status\` in ('PENDING', 'DELIVERED', 'FAILED')) not null, \`attempts\` integer not null default 0, \`http_status\` integer null, \`last_error\` text null, \`created_at\` datetime not null, \`finished_at\` datetime null, \`target_hash\` text null, \`body\` text null, \`lease_until\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`delivery_status_index\` on \`delivery\` (\`status\`);`);
    this.addSql(`create index \`delivery_created_at_id_index\` on \`delivery\` (\`created_at\`, \`id\`);`);

    this.addSql(`create table \`event_log\` (\`seq\` integer not null, \`kind\` text check (\`kind\` in ('ENTERPRISE_LOGGED_IN', 'HAZARD_FILED', 'HAZARD_REGRADED', 'RECTIFICATION_SUBMITTED', 'RECTIFICATION_REJECTED', 'HAZARD_CLOSED', 'DEADLINE_MISSED', 'DEADLINE_EXTENDED', 'ALERT_RAISED', 'ALERT_CLEARED', 'ENFORCEMENT_RECORDED', 'SNAPSHOT_TAKEN')) not null, \`at\` datetime not null, \`enterprise_id\` text null, \`department_id\` text null, \`hazard_id\` text null, \`payload\` text null, primary key (\`seq\`));`);
    this.addSql(`create index \`event_log_enterprise_id_index\` on \`event_log\` (\`enterprise_id\`);`);
    this.addSql(`create index \`event_log_department_id_index\` on \`event_log\` (\`department_id\`);`);
    this.addSql(`create index \`event_log_hazard_id_index\` on \`event_log\` (\`hazard_id\`);`);

    this.addSql(`create table \`login_throttle\` (\`username\` text not null, \`failures\` integer not null default 0, \`last_failure_at\` datetime not null, \`blocked_until\` datetime null, primary key (\`username\`));`);

    this.addSql(`create table \`township\` (\`id\` text not null, \`name\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`township_name_unique\` on \`township\` (\`name\`);`);

    this.addSql(`create table \`app_user\` (\`id\` text not null, \`username\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('ENTERPRISE', 'INSPECTOR', 'SECTION_CHIEF', 'DEPUTY_LEADER', 'DIRECTOR', 'ANALYST', 'ADMIN')) not null, \`password_hash\` text not null, \`department_id\` text null, \`enterprise_id\` text null, \`created_at\` datetime not null, constraint \`app_user_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete set null on update cascade, constraint \`app_user_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`app_user_username_unique\` on \`app_user\` (\`username\`);`);
    this.addSql(`create index \`app_user_department_id_index\` on \`app_user\` (\`department_id\`);`);
    this.addSql(`create index \`app_user_enterprise_id_index\` on \`app_user\` (\`enterprise_id\`);`);

    this.addSql(`create table \`kiosk_link\` (\`id\` text not null, \`token_hash\` text not null, \`label\` text not null, \`created_by_id\` text not null, \`created_at\` datetime not null, \`department_ids\` json null, \`revoked_at\` datetime null, constraint \`kiosk_link_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`kiosk_link_token_hash_unique\` on \`kiosk_link\` (\`token_hash\`);`);
    this.addSql(`create index \`kiosk_link_created_by_id_index\` on \`kiosk_link\` (\`created_by_id\`);`);

    this.addSql(`create table \`department\` (\`id\` text not null, \`number\` integer not null, \`name\` text not null, \`leader_id\` text null, \`chief_id\` text null, constraint \`department_leader_id_foreign\` foreign key(\`leader_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, constraint \`department_chief_id_foreign\` foreign key(\`chief_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`department_number_unique\` on \`department\` (\`number\`);`);
    this.addSql(`create unique index \`department_name_unique\` on \`department\` (\`name\`);`);
    this.addSql(`create index \`department_leader_id_index\` on \`department\` (\`leader_id\`);`);
    this.addSql(`create index \`department_chief_id_index\` on \`department\` (\`chief_id\`);`);

    this.addSql(`create table \`enterprise\` (\`id\` text not null, \`code\` text not null, \`name\` text not null, \`credit_code\` text not null, \`industry\` text check (\`industry\` in ('COAL_MINE', 'NON_COAL_MINE', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'OTHER')) not null, \`township_id\` text not null, \`department_id\` text not null, \`registered_at\` datetime not null, \`last_login_at\` datetime null, \`last_filing_at\` datetime null, \`key_target\` integer not null default false, constraint \`enterprise_township_id_foreign\` foreign key(\`township_id\`) references \`township\`(\`id\`) on update cascade, constraint \`enterprise_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`enterprise_code_unique\` on \`enterprise\` (\`code\`);`);
    this.addSql(`create index \`enterprise_name_index\` on \`enterprise\` (\`name\`);`);
    this.addSql(`create unique index \`enterprise_credit_code_unique\` on \`enterprise\` (\`credit_code\`);`);
    this.addSql(`create index \`enterprise_industry_index\` on \`enterprise\` (\`industry\`);`);
    this.addSql(`create index \`enterprise_township_id_index\` on \`enterprise\` (\`township_id\`);`);
    this.addSql(`create index \`enterprise_department_id_index\` on \`enterprise\` (\`department_id\`);`);
    this.addSql(`create index \`enterprise_registered_at_index\` on \`enterprise\` (\`registered_at\`);`);
    this.addSql(`create index \`enterprise_last_login_at_index\` on \`enterprise\` (\`last_login_at\`);`);
    this.addSql(`create index \`enterprise_last_filing_at_index\` on \`enterprise\` (\`last_filing_at\`);`);
    this.addSql(`create index \`enterprise_key_target_index\` on \`enterprise\` (\`key_target\`);`);
    this.addSql(`create index \`enterprise_department_id_code_index\` on \`enterprise\` (\`department_id\`, \`code\`);`);

    this.addSql(`create table \`login_event\` (\`id\` text not null, \`enterprise_id\` text not null, \`user_id\` text not null, \`at\` datetime not null, constraint \`login_event_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`login_event_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`login_event_enterprise_id_index\` on \`login_event\` (\`enterprise_id\`);`);
    this.addSql(`create index \`login_event_user_id_index\` on \`login_event\` (\`user_id\`);`);
    this.addSql(`create index \`login_event_at_index\` on \`login_event\` (\`at\`);`);
    this.addSql(`create index \`login_event_enterprise_id_at_index\` on \`login_event\` (\`enterprise_id\`, \`at\`);`);

    this.addSql(`create table \`inspection\` (\`id\` text not null, \`enterprise_id\` text not null, \`kind\` text check (\`kind\` in ('SELF_INSPECTION', 'REGULATOR_INSPECTION')) not null, \`inspected_at\` datetime not null, \`recorded_at\` datetime not null, \`recorded_by_id\` text null, \`note\` text null, constraint \`inspection_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`inspection_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`inspection_enterprise_id_index\` on \`inspection\` (\`enterprise_id\`);`);
    this.addSql(`create index \`inspection_kind_index\` on \`inspection\` (\`kind\`);`);
    this.addSql(`create index \`inspection_inspected_at_index\` on \`inspection\` (\`inspected_at\`);`);
    this.addSql(`create index \`inspection_recorded_by_id_index\` on \`inspection\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`inspection_enterprise_id_inspected_at_index\` on \`inspection\` (\`enterprise_id\`, \`inspected_at\`);`);

    this.addSql(`create table \`hazard\` (\`id\` text not null, \`enterprise_id\` text not null, \`title\` text not null, \`description\` text null, \`location\` text null, \`grade\` text check (\`grade\` in ('MAJOR', 'SECOND', 'THIRD')) not null, \`status\` text check (\`status\` in ('RECTIFYING', 'PENDING_VERIFICATION', 'CLOSED')) not null, \`source\` text check (\`source\` in ('SELF_INSPECTION', 'REGULATOR_INSPECTION', 'PUBLIC_REPORT', 'OTHER_AGENCY')) not null, \`rectified_on_spot\` integer not null default false, \`backfilled\` integer not null default false, \`discovered_at\` datetime not null, \`filed_at\` datetime not null, \`deadline\` datetime null, \`closed_at\` datetime null, \`submitted_at\` datetime null, \`submitted_late\` integer not null default false, \`rejection_reason\` text null, \`responsible_person\` text null, \`measures\` text null, \`plan_objectives\` text null, \`plan_funding\` text null, \`plan_emergency_measures\` text null, \`filed_by_id\` text null, \`idempotency_key\` text null, \`input_hash\` text null, constraint \`hazard_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`hazard_filed_by_id_foreign\` foreign key(\`filed_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`hazard_enterprise_id_index\` on \`hazard\` (\`enterprise_id\`);`);
    this.addSql(`create index \`hazard_grade_index\` on \`hazard\` (\`grade\`);`);
    this.addSql(`create index \`hazard_status_index\` on \`hazard\` (\`status\`);`);
    this.addSql(`create index \`hazard_source_index\` on \`hazard\` (\`source\`);`);
    this.addSql(`create index \`hazard_discovered_at_index\` on \`hazard\` (\`discovered_at\`);`);
    this.addSql(`create index \`hazard_deadline_index\` on \`hazard\` (\`deadline\`);`);
    this.addSql(`create index \`hazard_closed_at_index\` on \`hazard\` (\`closed_at\`);`);
    this.addSql(`create index \`hazard_filed_by_id_index\` on \`hazard\` (\`filed_by_id\`);`);
    this.addSql(`create index \`hazard_filed_at_id_index\` on \`hazard\` (\`filed_at\`, \`id\`);`);
    this.addSql(`create index \`hazard_status_deadline_index\` on \`hazard\` (\`status\`, \`deadline\`);`);
    this.addSql(`create index \`hazard_enterprise_id_filed_at_index\` on \`hazard\` (\`enterprise_id\`, \`filed_at\`);`);
    this.addSql(`create unique index \`hazard_filed_by_id_idempotency_key_unique\` on \`hazard\` (\`filed_by_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`photo\` (\`id\` text not null, \`uploaded_by_id\` text not null, \`uploaded_at\` datetime not null, \`sha256\` text not null, \`mime_type\` text not null, \`width\` integer not null, \`height\` integer not null, \`bytes\` integer not null, \`original_file\` text not null, \`display_file\` text not null, \`hazard_id\` text null, \`phase\` text check (\`phase\` in ('BEFORE', 'AFTER')) null, \`attached_at\` datetime null, constraint \`photo_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`photo_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`photo_uploaded_by_id_index\` on \`photo\` (\`uploaded_by_id\`);`);
    this.addSql(`create index \`photo_hazard_id_index\` on \`photo\` (\`hazard_id\`);`);
    this.addSql(`create index \`photo_hazard_id_uploaded_at_index\` on \`photo\` (\`hazard_id\`, \`uploaded_at\`);`);

    this.addSql(`create table \`inspection_finding\` (\`id\` text not null, \`inspection_id\` text not null, \`enterprise_id\` text not null, \`position\` integer not null, \`outcome\` text check (\`outcome\` in ('MATCHED', 'NEW_HAZARD', 'NOT_RECTIFIED')) not null, \`hazard_id\` text not null, \`discrepancy\` integer not null default false, \`false_rectification\` integer not null default false, \`note\` text null, constraint \`inspection_finding_inspection_id_foreign\` foreign key(\`inspection_id\`) references \`inspection\`(\`id\`) on update cascade, constraint \`inspection_finding_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`inspection_finding_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`inspection_finding_inspection_id_index\` on \`inspection_finding\` (\`inspection_id\`);`);
    this.addSql(`create index \`inspection_finding_enterprise_id_index\` on \`inspection_finding\` (\`enterprise_id\`);`);
    this.addSql(`create index \`inspection_finding_hazard_id_index\` on \`inspection_finding\` (\`hazard_id\`);`);
    this.addSql(`create index \`inspection_finding_enterprise_id_false_rectification_index\` on \`inspection_finding\` (\`enterprise_id\`, \`false_rectification\`);`);
    this.addSql(`create index \`inspection_finding_enterprise_id_discrepancy_index\` on \`inspection_finding\` (\`enterprise_id\`, \`discrepancy\`);`);

    this.addSql(`create table \`extension_request\` (\`id\` text not null, \`hazard_id\` text not null, \`requested_by_id\` text not null, \`requested_at\` datetime not null, \`previous_deadline\` datetime not null, \`until\` datetime not null, \`reason\` text not null, \`status\` text check (\`status\` in ('PENDING', 'APPROVED', 'REFUSED')) not null, \`decided_by_id\` text null, \`decided_at\` datetime null, \`decision_reason\` text null, constraint \`extension_request_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on update cascade, constraint \`extension_request_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`extension_request_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`extension_request_hazard_id_index\` on \`extension_request\` (\`hazard_id\`);`);
    this.addSql(`create index \`extension_request_requested_by_id_index\` on \`extension_request\` (\`requested_by_id\`);`);
    this.addSql(`create index \`extension_request_status_index\` on \`extension_request\` (\`status\`);`);
    this.addSql(`create index \`extension_request_decided_by_id_index\` on \`extension_request\` (\`decided_by_id\`);`);
    this.addSql(`create index \`extension_request_hazard_id_requested_at_index\` on \`extension_request\` (\`hazard_id\`, \`requested_at\`);`);

    this.addSql(`create table \`enforcement_action\` (\`id\` text not null, \`enterprise_id\` text not null, \`kind\` text check (\`kind\` in ('SUMMONS', 'CASE_FILED', 'PENALTY', 'SUSPENSION')) not null, \`basis\` text not null, \`amount_fen\` bigint null, \`suspension_days\` integer null, \`note\` text null, \`recorded_at\` datetime not null, \`recorded_by_id\` text null, \`for_major_hazard\` integer not null default false, constraint \`enforcement_action_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`enforcement_action_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`enforcement_action_enterprise_id_index\` on \`enforcement_action\` (\`enterprise_id\`);`);
    this.addSql(`create index \`enforcement_action_recorded_by_id_index\` on \`enforcement_action\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`enforcement_action_kind_recorded_at_index\` on \`enforcement_action\` (\`kind\`, \`recorded_at\`);`);
    this.addSql(`create index \`enforcement_action_enterprise_id_kind_recorded_at_index\` on \`enforcement_action\` (\`enterprise_id\`, \`kind\`, \`recorded_at\`);`);

    this.addSql(`create table \`enforcement_action_hazard\` (\`enforcement_action_id\` text not null, \`hazard_id\` text not null, constraint \`enforcement_action_hazard_enforcement_action_id_foreign\` foreign key(\`enforcement_action_id\`) references \`enforcement_action\`(\`id\`) on delete cascade on update cascade, constraint \`enforcement_action_hazard_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on delete cascade on update cascade, primary key (\`enforcement_action_id\`, \`hazard_id\`));`);
    this.addSql(`create index \`enforcement_action_hazard_enforcement_action_id_index\` on \`enforcement_action_hazard\` (\`enforcement_action_id\`);`);
    this.addSql(`create index \`enforcement_action_hazard_hazard_id_index\` on \`enforcement_action_hazard\` (\`hazard_id\`);`);

    this.addSql(`create table \`alert\` (\`id\` text not null, \`kind\` text check (\`kind\` in ('NO_LOGIN', 'NO_FILING', 'OVERDUE')) not null, \`enterprise_id\` text not null, \`hazard_id\` text null, \`since\` datetime not null, \`raised_at\` datetime not null, \`cleared_at\` datetime null, \`active_key\` text null, constraint \`alert_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`alert_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`alert_enterprise_id_index\` on \`alert\` (\`enterprise_id\`);`);
    this.addSql(`create index \`alert_hazard_id_index\` on \`alert\` (\`hazard_id\`);`);
    this.addSql(`create unique index \`alert_active_key_unique\` on \`alert\` (\`active_key\`);`);
    this.addSql(`create index \`alert_kind_cleared_at_index\` on \`alert\` (\`kind\`, \`cleared_at\`);`);

    this.addSql(`create table \`daily_snapshot\` (\`id\` text not null, \`date\` text not null, \`taken_at\` datetime not null, \`trigger\` text check (\`trigger\` in ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND')) not null, \`taken_by_id\` text null, \`data\` text not null, \`content_hash\` text not null, \`image_status\` text check (\`image_status\` in ('PENDING', 'STORED', 'UNAVAILABLE')) not null, \`image_unavailable_reason\` text null, \`image_png\` blob null, \`image_bytes\` integer null, \`image_width\` integer null, \`image_height\` integer null, \`image_md5\` text null, \`image_rendered_at\` datetime null, \`image_attempts\` integer not null default 0, constraint \`daily_snapshot_taken_by_id_foreign\` foreign key(\`taken_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`daily_snapshot_date_unique\` on \`daily_snapshot\` (\`date\`);`);
    this.addSql(`create index \`daily_snapshot_taken_by_id_index\` on \`daily_snapshot\` (\`taken_by_id\`);`);

    this.addSql(`create table \`auth_session\` (\`id\` text not null, \`token_hash\` text not null, \`user_id\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, constraint \`auth_session_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`auth_session_token_hash_unique\` on \`auth_session\` (\`token_hash\`);`);
    this.addSql(`create index \`auth_session_user_id_index\` on \`auth_session\` (\`user_id\`);`);

    this.addSql(`create table \`audit_entry\` (\`seq\` integer not null, \`at\` datetime not null, \`actor_id\` text null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`data\` text not null, \`hash\` text not null, \`prev_hash\` text not null, constraint \`audit_entry_actor_id_foreign\` foreign key(\`actor_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`seq\`));`);
    this.addSql(`create index \`audit_entry_actor_id_index\` on \`audit_entry\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_entry_subject_id_seq_index\` on \`audit_entry\` (\`subject_id\`, \`seq\`);`);

    this.addSql(`create table \`weekly_dispatch\` (\`id\` text not null, \`week_of\` text not null, \`issued_at\` datetime not null, \`trigger\` text check (\`trigger\` in ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND')) not null, \`data\` text not null, \`content_hash\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`weekly_dispatch_week_of_unique\` on \`weekly_dispatch\` (\`week_of\`);`);
  }

}
