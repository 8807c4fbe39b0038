import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { EventRecord } from './event-record.entity.js';

/** The seq of the newest event (0 when none), optionally among those `where` allows (a viewer's scope). */
export async function highestSeq(em: EntityManager, where?: FilterQuery<EventRecord>): Promise<number> {
  const query = em.createQueryBuilder(EventRecord).select('seq');
  if (where) query.where(where);
  const rows = await query.orderBy({ seq: 'desc' }).limit(1).execute('all');
  return Number((rows[0] as { seq?: number } | undefined)?.seq ?? 0);
}
