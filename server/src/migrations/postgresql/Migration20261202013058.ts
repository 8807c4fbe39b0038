import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013058 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotent_request" ("id" uuid not null, "user_id" uuid not null, "operation" varchar(40) not null, "key" varchar(200) not null, "input_hash" varchar(64) not null, "result_id" varchar(64) not null, "created_at" timestamptz not null, constraint "idempotent_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "idempotent_request" add constraint "idempotent_request_user_id_operation_key_unique" unique ("user_id", "operation", "key");`);

    this.addSql(`alter table "idempotent_request" add constraint "idempotent_request_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "hazard" add column "queued_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotent_request" cascade;`);

    this.addSql(`alter table "hazard" drop column "queued_at";`);
  }

}
