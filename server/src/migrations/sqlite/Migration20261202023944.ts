import { Migration } from '@mikro-orm/migrations';

export class Migration20261202023944 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`enterprise_import\` (\`id\` text not null, \`uploaded_by_id\` text not null, \`uploaded_at\` datetime not null, \`file_name\` text not null, \`format\` text not null, \`rows\` text not null, \`imported_at\` datetime null, \`credentials\` text null, constraint \`enterprise_import_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`enterprise_import_uploaded_by_id_index\` on \`enterprise_import\` (\`uploaded_by_id\`);`);

    this.addSql(`alter table \`app_user\` add column \`active\` integer not null default true;`);
    this.addSql(`alter table \`app_user\` add column \`must_change_password\` integer not null default false;`);
    this.addSql(`alter table \`app_user\` add column \`password_changed_at\` datetime null;`);

    this.addSql(`alter table \`enterprise\` add column \`active\` integer not null default true;`);
    this.addSql(`alter table \`enterprise\` add column \`retired_at\` datetime null;`);
    this.addSql(`alter table \`enterprise\` add column \`address\` text null;`);
    this.addSql(`alter table \`enterprise\` add column \`contact_name\` text null;`);
    this.addSql(`alter table \`enterprise\` add column \`contact_phone\` text null;`);
    this.addSql(`create index \`enterprise_active_index\` on \`enterprise\` (\`active\`);`);

    // SQLite cannot alter a CHECK constraint: the event log is rebuilt with the two new kinds.
    this.addSql(`create table \`event_log_new\` (\`seq\` integer not null, \`kind\` text check (\`kind\` in ('ENTERPRISE_LOGGED_IN', 'HAZARD_FILED', 'HAZARD_REGRADED', 'RECTIFICATION_SUBMITTED', 'RECTIFICATION_REJECTED', 'HAZARD_CLOSED', 'DEADLINE_MISSED', 'DEADLINE_EXTENDED', 'ALERT_RAISED', 'ALERT_CLEARED', 'ENFORCEMENT_RECORDED', 'SNAPSHOT_TAKEN', 'ENTERPRISE_REGISTERED', 'ENTERPRISE_CHANGED')) not null, \`at\` datetime not null, \`enterprise_id\` text null, \`department_id\` text null, \`hazard_id\` text null, \`payload\` text null, primary key (\`seq\`));`);
    this.addSql(`insert into \`event_log_new\` select \`seq\`, \`kind\`, \`at\`, \`enterprise_id\`, \`department_id\`, \`hazard_id\`, \`payload\` from \`event_log\`;`);
    this.addSql(`drop table \`event_log\`;`);
    this.addSql(`alter table \`event_log_new\` rename to \`event_log\`;`);
    this.addSql(`create index \`event_log_enterprise_id_index\` on \`event_log\` (\`enterprise_id\`);`);
    this.addSql(`create index \`event_log_department_id_index\` on \`event_log\` (\`department_id\`);`);
    this.addSql(`create index \`event_log_hazard_id_index\` on \`event_log\` (\`hazard_id\`);`);
  }

}
