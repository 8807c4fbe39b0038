import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013057 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`idempotent_request\` (\`id\` text not null, \`user_id\` text not null, \`operation\` text not null, \`key\` text not null, \`input_hash\` text not null, \`result_id\` text not null, \`created_at\` datetime not null, constraint \`idempotent_request_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`idempotent_request_user_id_index\` on \`idempotent_request\` (\`user_id\`);`);
    this.addSql(`create unique index \`idempotent_request_user_id_operation_key_unique\` on \`idempotent_request\` (\`user_id\`, \`operation\`, \`key\`);`);

    this.addSql(`alter table \`hazard\` add column \`queued_at\` datetime null;`);
  }

}
