import { Migration } from '@mikro-orm/migrations';

export class Migration20261129003709 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`inspection\` (\`id\` text not null, \`enterprise_id\` text not null, \`kind\` text check (\`kind\` in ('SELF_INSPECTION', 'REGULATOR_INSPECTION')) not null, \`inspected_at\` datetime not null, \`recorded_at\` datetime not null, \`recorded_by_id\` text null, \`note\` text null, constraint \`inspection_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`inspection_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`inspection_enterprise_id_index\` on \`inspection\` (\`enterprise_id\`);`);
    this.addSql(`create index \`inspection_kind_index\` on \`inspection\` (\`kind\`);`);
    this.addSql(`create index \`inspection_inspected_at_index\` on \`inspection\` (\`inspected_at\`);`);
    this.addSql(`create index \`inspection_recorded_by_id_index\` on \`inspection\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`inspection_enterprise_id_inspected_at_index\` on \`inspection\` (\`enterprise_id\`, \`inspected_at\`);`);

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

    this.addSql(`alter table \`hazard\` add column \`rejection_reason\` text null;`);
  }

}
