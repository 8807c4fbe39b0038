import { Migration } from '@mikro-orm/migrations';

export class Migration20261202031254 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`risk_point\` (\`id\` text not null, \`enterprise_id\` text not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('FACILITY', 'SITE', 'AREA', 'ACTIVITY')) not null, \`location\` text null, \`likelihood\` integer not null, \`severity\` integer not null, \`score\` integer not null, \`level\` text check (\`level\` in ('MAJOR', 'HIGH', 'MEDIUM', 'LOW')) not null, \`responsible_person\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`risk_point_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`risk_point_enterprise_id_index\` on \`risk_point\` (\`enterprise_id\`);`);
    this.addSql(`create index \`risk_point_level_index\` on \`risk_point\` (\`level\`);`);
    this.addSql(`create index \`risk_point_enterprise_id_score_index\` on \`risk_point\` (\`enterprise_id\`, \`score\`);`);

    this.addSql(`create table \`risk_level_change\` (\`id\` text not null, \`risk_point_id\` text not null, \`at\` datetime not null, \`likelihood\` integer not null, \`severity\` integer not null, \`score\` integer not null, \`level\` text check (\`level\` in ('MAJOR', 'HIGH', 'MEDIUM', 'LOW')) not null, \`previous_level\` text check (\`previous_level\` in ('MAJOR', 'HIGH', 'MEDIUM', 'LOW')) null, constraint \`risk_level_change_risk_point_id_foreign\` foreign key(\`risk_point_id\`) references \`risk_point\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`risk_level_change_risk_point_id_index\` on \`risk_level_change\` (\`risk_point_id\`);`);
    this.addSql(`create index \`risk_level_change_risk_point_id_at_index\` on \`risk_level_change\` (\`risk_point_id\`, \`at\`);`);

    this.addSql(`create table \`control_measure\` (\`id\` text not null, \`risk_point_id\` text not null, \`enterprise_id\` text not null, \`description\` text not null, \`category\` text check (\`category\` in ('ENGINEERING', 'MAINTENANCE', 'OPERATION', 'EMERGENCY')) not null, \`check_every\` text not null, \`check_every_seconds\` integer not null, \`check_role\` text check (\`check_role\` in ('PRINCIPAL', 'TECHNICAL', 'OPERATIONS', 'POST')) not null, \`next_due_at\` datetime not null, \`current_task_id\` text null, \`missed_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`control_measure_risk_point_id_foreign\` foreign key(\`risk_point_id\`) references \`risk_point\`(\`id\`) on update cascade, constraint \`control_measure_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`control_measure_risk_point_id_index\` on \`control_measure\` (\`risk_point_id\`);`);
    this.addSql(`create index \`control_measure_enterprise_id_index\` on \`control_measure\` (\`enterprise_id\`);`);
    this.addSql(`create index \`control_measure_next_due_at_index\` on \`control_measure\` (\`next_due_at\`);`);
    this.addSql(`create index \`control_measure_missed_at_index\` on \`control_measure\` (\`missed_at\`);`);
    this.addSql(`create index \`control_measure_enterprise_id_missed_at_index\` on \`control_measure\` (\`enterprise_id\`, \`missed_at\`);`);

    this.addSql(`create table \`check_task\` (\`id\` text not null, \`measure_id\` text not null, \`enterprise_id\` text not null, \`opens_at\` datetime not null, \`due_at\` datetime not null, \`status\` text check (\`status\` in ('DUE', 'DONE', 'MISSED')) not null, \`done_at\` datetime null, \`result\` text check (\`result\` in ('NORMAL', 'HAZARD_FOUND')) null, \`note\` text null, \`hazard_id\` text null, \`recorded_by_id\` text null, \`idempotency_key\` text null, constraint \`check_task_measure_id_foreign\` foreign key(\`measure_id\`) references \`control_measure\`(\`id\`) on update cascade, constraint \`check_task_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`check_task_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on delete set null on update cascade, constraint \`check_task_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`check_task_measure_id_index\` on \`check_task\` (\`measure_id\`);`);
    this.addSql(`create index \`check_task_enterprise_id_index\` on \`check_task\` (\`enterprise_id\`);`);
    this.addSql(`create index \`check_task_hazard_id_index\` on \`check_task\` (\`hazard_id\`);`);
    this.addSql(`create index \`check_task_recorded_by_id_index\` on \`check_task\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`check_task_status_due_at_index\` on \`check_task\` (\`status\`, \`due_at\`);`);
    this.addSql(`create index \`check_task_enterprise_id_due_at_index\` on \`check_task\` (\`enterprise_id\`, \`due_at\`);`);
    this.addSql(`create unique index \`check_task_recorded_by_id_idempotency_key_unique\` on \`check_task\` (\`recorded_by_id\`, \`idempotency_key\`);`);
    this.addSql(`create unique index \`check_task_measure_id_opens_at_unique\` on \`check_task\` (\`measure_id\`, \`opens_at\`);`);

    // SQLite cannot alter a CHECK constraint and the generator does not notice new enum values, so the
    // two tables whose kinds grew (event_log, alert) are rebuilt by hand with the longer lists.
    this.addSql(`create table \`event_log_new\` (\`seq\` integer not null, \`kind\` text check (\`kind\` in ('ENTERPRISE_LOGGED_IN', 'HAZARD_FILED', 'HAZARD_REGRADED', 'RECTIFICATION_SUBMITTED', 'RECTIFICATION_REJECTED', 'HAZARD_CLOSED', 'DEADLINE_MISSED', 'DEADLINE_EXTENDED', 'ALERT_RAISED', 'ALERT_CLEARED', 'ENFORCEMENT_RECORDED', 'SNAPSHOT_TAKEN', 'ENTERPRISE_REGISTERED', 'ENTERPRISE_CHANGED', 'CHECK_MISSED', 'CHECK_RECORDED', 'RISK_CHANGED', 'SUPERVISION_CLASS_CHANGED')) not null, \`at\` datetime not null, \`enterprise_id\` text null, \`department_id\` text null, \`hazard_id\` text null, \`payload\` text null, primary key (\`seq\`));`);
    this.addSql(`insert into \`event_log_new\` select \`seq\`, \`kind\`, \`at\`, \`enterprise_id\`, \`department_id\`, \`hazard_id\`, \`payload\` from \`event_log\`;`);
    this.addSql(`drop table \`event_log\`;`);
    this.addSql(`alter table \`event_log_new\` rename to \`event_log\`;`);
    this.addSql(`create index \`event_log_enterprise_id_index\` on \`event_log\` (\`enterprise_id\`);`);
    this.addSql(`create index \`event_log_department_id_index\` on \`event_log\` (\`department_id\`);`);
    this.addSql(`create index \`event_log_hazard_id_index\` on \`event_log\` (\`hazard_id\`);`);

    this.addSql(`create table \`alert_new\` (\`id\` text not null, \`kind\` text check (\`kind\` in ('NO_LOGIN', 'NO_FILING', 'OVERDUE', 'CHECKS_MISSED')) not null, \`enterprise_id\` text not null, \`hazard_id\` text null, \`since\` datetime not null, \`raised_at\` datetime not null, \`cleared_at\` datetime null, \`active_key\` text null, constraint \`alert_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`alert_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`alert_new\` select \`id\`, \`kind\`, \`enterprise_id\`, \`hazard_id\`, \`since\`, \`raised_at\`, \`cleared_at\`, \`active_key\` from \`alert\`;`);
    this.addSql(`drop table \`alert\`;`);
    this.addSql(`alter table \`alert_new\` rename to \`alert\`;`);
    this.addSql(`create index \`alert_enterprise_id_index\` on \`alert\` (\`enterprise_id\`);`);
    this.addSql(`create index \`alert_hazard_id_index\` on \`alert\` (\`hazard_id\`);`);
    this.addSql(`create unique index \`alert_active_key_unique\` on \`alert\` (\`active_key\`);`);
    this.addSql(`create index \`alert_kind_cleared_at_index\` on \`alert\` (\`kind\`, \`cleared_at\`);`);
  }

}
