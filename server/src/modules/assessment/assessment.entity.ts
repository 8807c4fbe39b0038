import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { AssessmentKind } from './assessment.enums.js';

/** One saved version of a scheme; versions are only ever added (R16). */
@Entity({ tableName: 'assessment_scheme' })
@Unique({ properties: ['kind', 'version'] })
export class AssessmentSchemeVersion extends BaseEntity {
  @Enum({ items: () => AssessmentKind, nativeEnumName: 'assessment_kind' })
  kind!: AssessmentKind;

  @Property()
  version!: number;

  /** The items as canonical JSON. */
  @Property({ type: 'text' })
  items!: string;

  @Property({ type: 'text', nullable: true })
  note?: string;

  @Property()
  savedAt!: Date;

  @Property({ type: 'uuid' })
  savedBy!: string;
}

/** A closed period: the results as they stood when it was closed, frozen (R16). */
@Entity({ tableName: 'assessment_period' })
@Unique({ properties: ['kind', 'from', 'to'] })
@Index({ properties: ['kind', 'closedAt'] })
export class AssessmentPeriodRecord extends BaseEntity {
  @Enum({ items: () => AssessmentKind, nativeEnumName: 'assessment_kind' })
  kind!: AssessmentKind;

  @Property({ fieldName: 'period_from' })
  from!: Date;

  @Property({ fieldName: 'period_to' })
  to!: Date;

  @Property()
  schemeVersion!: number;

  /** The scores as canonical JSON; their SHA-256 is in the audit chain. */
  @Property({ type: 'text' })
  results!: string;

  @Property()
  closedAt!: Date;

  @Property({ type: 'uuid' })
  closedBy!: string;
}
