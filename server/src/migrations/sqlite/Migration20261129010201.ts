import { Migration } from '@mikro-orm/migrations';

export class Migration20261129010201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`kiosk_link\` (\`id\` text not null, \`token_hash\` text not null, \`label\` text not null, \`created_by_id\` text not null, \`created_at\` datetime not null, \`department_ids\` json null, \`revoked_at\` datetime null, constraint \`kiosk_link_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`kiosk_link_token_hash_unique\` on \`kiosk_link\` (\`token_hash\`);`);
    this.addSql(`create index \`kiosk_link_created_by_id_index\` on \`kiosk_link\` (\`created_by_id\`);`);
  }

}
