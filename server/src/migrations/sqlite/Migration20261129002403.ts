import { Migration } from '@mikro-orm/migrations';

export class Migration20261129002403 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`alert\` (\`id\` text not null, \`kind\` text check (\`kind\` in ('NO_LOGIN', 'NO_FILING', 'OVERDUE')) not null, \`enterprise_id\` text not null, \`hazard_id\` text null, \`since\` datetime not null, \`raised_at\` datetime not null, \`cleared_at\` datetime null, \`active_key\` text null, constraint \`alert_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, constraint \`alert_hazard_id_foreign\` foreign key(\`hazard_id\`) references \`hazard\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`alert_enterprise_id_index\` on \`alert\` (\`enterprise_id\`);`);
    this.addSql(`create index \`alert_hazard_id_index\` on \`alert\` (\`hazard_id\`);`);
    this.addSql(`create unique index \`alert_active_key_unique\` on \`alert\` (\`active_key\`);`);
    this.addSql(`create index \`alert_kind_cleared_at_index\` on \`alert\` (\`kind\`, \`cleared_at\`);`);

    this.addSql(`create index \`event_log_hazard_id_index\` on \`event_log\` (\`hazard_id\`);`);
  }

}
