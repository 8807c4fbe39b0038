import { Field, Int, ObjectType } from 'type-graphql';
import { EventKind } from './event-kind.js';
import type { Alert } from '../alert/alert.entity.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { Hazard } from '../hazard/hazard.entity.js';
import type { EventPayloads } from './event-payloads.js';

/** A committed event as a subscriber receives it; the enterprise, hazard and alert are resolved on demand, within scope. */
@ObjectType('Event', { description: 'Something a wallboard is told about, in commit order (seq).' })
export class EventMessage {
  @Field(() => Int, {
    description:
      'Position in the event log: increasing in commit order, no gaps. Pass the last one seen as `since` to resume.',
  })
  seq!: number;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field({ description: 'When it happened, by the server clock.' })
  at!: Date;

  enterpriseId!: string | null;
  departmentId!: string | null;
  hazardId!: string | null;
  payload!: EventPayloads[EventKind] | null;
  /** A replay's page-wide load of the enterprise and hazard, within scope (realtime/event-stream.ts). */
  preloaded?: { enterprise?: Enterprise | null; hazard?: Hazard | null; alert?: Alert | null };
}
