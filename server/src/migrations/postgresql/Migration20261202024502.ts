import { Migration } from '@mikro-orm/migrations';

export class Migration20261202024502 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "hazard_closed_location_index" on "hazard" ("enterprise_id", "location", "closed_at") where "status" = 'CLOSED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "hazard_closed_location_index";`);
  }

}
