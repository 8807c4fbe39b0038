import { Migration } from '@mikro-orm/migrations';

export class Migration20261202045931 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`supervision_standing\` (\`id\` text not null, \`enterprise_id\` text not null, \`supervision_class\` text check (\`supervision_class\` in ('A', 'B', 'C', 'D')) not null, \`reasons\` text not null, \`since\` datetime not null, constraint \`supervision_standing_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`supervision_standing_enterprise_id_index\` on \`supervision_standing\` (\`enterprise_id\`);`);
    this.addSql(`create unique index \`supervision_standing_enterprise_id_unique\` on \`supervision_standing\` (\`enterprise_id\`);`);

    this.addSql(`create table \`supervision_class_change\` (\`id\` text not null, \`enterprise_id\` text not null, \`at\` datetime not null, \`supervision_class\` text check (\`supervision_class\` in ('A', 'B', 'C', 'D')) not null, \`previous_class\` text check (\`previous_class\` in ('A', 'B', 'C', 'D')) null, \`reasons_json\` text not null, constraint \`supervision_class_change_enterprise_id_foreign\` foreign key(\`enterprise_id\`) references \`enterprise\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`supervision_class_change_enterprise_id_index\` on \`supervision_class_change\` (\`enterprise_id\`);`);
    this.addSql(`create index \`supervision_class_change_enterprise_id_at_index\` on \`supervision_class_change\` (\`enterprise_id\`, \`at\`);`);
  }

}
