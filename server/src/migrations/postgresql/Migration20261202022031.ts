import { Migration } from '@mikro-orm/migrations';

export class Migration20261202022031 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "hazard_open_index" on "hazard" ("enterprise_id", "grade", "deadline") where "status" <> 'CLOSED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "hazard_open_index";`);
  }

}
