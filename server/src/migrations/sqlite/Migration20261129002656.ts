import { Migration } from '@mikro-orm/migrations';

export class Migration20261129002656 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bulletin\` (\`id\` text not null, \`period_start\` text not null, \`period_end\` text not null, \`issued_at\` datetime not null, \`trigger\` text check (\`trigger\` in ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND')) not null, \`data\` text not null, \`content_hash\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`bulletin_period_start_unique\` on \`bulletin\` (\`period_start\`);`);

    this.addSql(`create table \`delivery\` (\`id\` text not null, \`subject\` text check (\`subject\` in ('SNAPSHOT', 'WEEKLY_DISPATCH', 'BULLETIN')) not null, \`subject_key\` text not null, \`target\` text not null, \`format\` text check (\`format\` in ('JSON', 'WECOM_MARKDOWN', 'WECOM_IMAGE')) not null, \`status\` text check (\`status\` in ('PENDING', 'DELIVERED', 'FAILED')) not null, \`attempts\` integer not null default 0, \`http_status\` integer null, \`last_error\` text null, \`created_at\` datetime not null, \`finished_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`delivery_status_index\` on \`delivery\` (\`status\`);`);
    this.addSql(`create index \`delivery_created_at_id_index\` on \`delivery\` (\`created_at\`, \`id\`);`);

    this.addSql(`create table \`daily_snapshot\` (\`id\` text not null, \`date\` text not null, \`taken_at\` datetime not null, \`trigger\` text check (\`trigger\` in ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND')) not null, \`taken_by_id\` text null, \`data\` text not null, \`content_hash\` text not null, \`image_status\` text check (\`image_status\` in ('PENDING', 'STORED', 'UNAVAILABLE')) not null, \`image_unavailable_reason\` text null, \`image_png\` blob null, \`image_bytes\` integer null, \`image_width\` integer null, \`image_height\` integer null, \`image_md5\` text null, \`image_rendered_at\` datetime null, \`image_attempts\` integer not null default 0, constraint \`daily_snapshot_taken_by_id_foreign\` foreign key(\`taken_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`daily_snapshot_date_unique\` on \`daily_snapshot\` (\`date\`);`);
    this.addSql(`create index \`daily_snapshot_taken_by_id_index\` on \`daily_snapshot\` (\`taken_by_id\`);`);

    this.addSql(`create table \`weekly_dispatch\` (\`id\` text not null, \`week_of\` text not null, \`issued_at\` datetime not null, \`trigger\` text check (\`trigger\` in ('SCHEDULE', 'CATCH_UP', 'ON_DEMAND')) not null, \`data\` text not null, \`content_hash\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`weekly_dispatch_week_of_unique\` on \`weekly_dispatch\` (\`week_of\`);`);
  }

}
