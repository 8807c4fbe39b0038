import { Migration } from '@mikro-orm/migrations';

export class Migration20261202024501 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "hazard_closed_location_index" on "hazard" ("enterprise_id", "location", "closed_at") where "status" = 'CLOSED';`);
  }

}
