import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { EventKind } from './event-kind.js';

/**
 * The event log: what wallboards are told, in commit order. Rows name their enterprise and
 * department so that replay can be scoped in SQL (R6).
 */
@Entity({ tableName: 'event_log' })
export class EventRecord {
  @PrimaryKey({ autoincrement: false })
  seq!: number;

  @Enum({ items: () => EventKind, nativeEnumName: 'event_kind' })
  kind!: EventKind;

  @Property()
  at!: Date;

  @Property({ type: 'uuid', nullable: true, index: true })
  enterpriseId?: string;

  @Property({ type: 'uuid', nullable: true, index: true })
  departmentId?: string;

  /** Indexed: the alert watcher asks whether a hazard's missed deadline was already announced. */
  @Property({ type: 'uuid', nullable: true, index: true })
  hazardId?: string;

  /** Kind-specific facts (alert kind, grades, …) as JSON. */
  @Property({ type: 'text', nullable: true })
  payload?: string;
}
