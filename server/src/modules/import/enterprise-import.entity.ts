import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';

/**
 * An uploaded registry spreadsheet (POST /imports), read into rows once at upload so that dry runs
 * and the real run see the same cells; kept after the run as the record of what was imported.
 */
@Entity({ tableName: 'enterprise_import' })
export class EnterpriseImport extends BaseEntity {
  @ManyToOne(() => User, { ref: true })
  uploadedBy!: Ref<User>;

  @Property()
  uploadedAt!: Date;

  @Property()
  fileName!: string;

  /** `xlsx`, `csv-utf8` or `csv-gb18030`: what the bytes were recognised as. */
  @Property()
  format!: string;

  /** The data rows as a JSON array of cell arrays, in template column order, first data row first. */
  @Property({ type: 'text', lazy: true })
  rows!: string;

  @Property({ nullable: true })
  importedAt?: Date;

  /**
   * The credentials sheet, AES-256-GCM encrypted under a key that lives only in the download link
   * handed out once (so one-time passwords are never stored in clear); deleted once downloaded.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  credentials?: string;
}
