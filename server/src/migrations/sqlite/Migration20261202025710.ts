import { Migration } from '@mikro-orm/migrations';

export class Migration20261202025710 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`assessment_period\` (\`id\` text not null, \`kind\` text check (\`kind\` in ('ENTERPRISE', 'DEPARTMENT', 'CADRE')) not null, \`period_from\` datetime not null, \`period_to\` datetime not null, \`scheme_version\` integer not null, \`results\` text not null, \`closed_at\` datetime not null, \`closed_by\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`assessment_period_kind_closed_at_index\` on \`assessment_period\` (\`kind\`, \`closed_at\`);`);
    this.addSql(`create unique index \`assessment_period_kind_period_from_period_to_unique\` on \`assessment_period\` (\`kind\`, \`period_from\`, \`period_to\`);`);

    this.addSql(`create table \`assessment_scheme\` (\`id\` text not null, \`kind\` text check (\`kind\` in ('ENTERPRISE', 'DEPARTMENT', 'CADRE')) not null, \`version\` integer not null, \`items\` text not null, \`note\` text null, \`saved_at\` datetime not null, \`saved_by\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`assessment_scheme_kind_version_unique\` on \`assessment_scheme\` (\`kind\`, \`version\`);`);
  }

}
