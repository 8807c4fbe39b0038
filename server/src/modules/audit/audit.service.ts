import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { canonicalJson } from '../common/canonical-json.js';
import { AuditEntry } from './audit-entry.entity.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFacts {
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: string;
  prevHash: string;
}

/** The hash of one entry: it covers every field of the entry and the hash before it. */
export function auditHash(entry: ChainedFields): string {
  const body = canonicalJson([
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.data,
    entry.prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** Builds the rows for facts that follow `previous` in the chain, without touching the database. */
export function chainEntries(previous: { seq: number; hash: string } | null, facts: AuditFacts[]) {
  let seq = previous?.seq ?? 0;
  let prevHash = previous?.hash ?? GENESIS_HASH;
  return facts.map((f) => {
    seq += 1;
    const fields: ChainedFields = {
      seq,
      at: f.at,
      actorId: f.actorId,
      action: f.action,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      data: canonicalJson(f.data),
      prevHash,
    };
    const hash = auditHash(fields);
    prevHash = hash;
    return {
      seq,
      at: f.at,
      actor: f.actorId,
      action: f.action,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      data: fields.data,
      prevHash: fields.prevHash,
      hash,
    };
  });
}

export async function lastAuditLink(em: EntityManager): Promise<{ seq: number; hash: string } | null> {
  const rows = await em
    .createQueryBuilder(AuditEntry)
    .select(['seq', 'hash'])
    .orderBy({ seq: 'desc' })
    .limit(1)
    .execute('all');
  const row = rows[0] as { seq: number; hash: string } | undefined;
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

export interface ChainStatus {
  valid: boolean;
  length: number;
  firstBrokenSeq: number | null;
}

/** Recomputes the whole chain in pages; names the first entry whose seq, link or hash does not hold. */
export async function verifyAuditChain(em: EntityManager, pageSize = 2000): Promise<ChainStatus> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (let afterSeq = 0; ;) {
    const rows = await em
      .createQueryBuilder(AuditEntry)
      .select(['seq', 'at', 'actor', 'action', 'subjectType', 'subjectId', 'data', 'prevHash', 'hash'])
      .where({ seq: { $gt: afterSeq } })
      .orderBy({ seq: 'asc' })
      .limit(pageSize)
      .execute('all', true);
    for (const raw of rows as unknown as Array<Record<string, unknown>>) {
      const seq = Number(raw.seq);
      const entry: ChainedFields = {
        seq,
        at: toDate(raw.at),
        actorId: (raw.actor as string | null) ?? null,
        action: String(raw.action),
        subjectType: String(raw.subjectType),
        subjectId: String(raw.subjectId),
        data: String(raw.data),
        prevHash: String(raw.prevHash),
      };
      if (seq !== expectedSeq || entry.prevHash !== prevHash || auditHash(entry) !== raw.hash) {
        return { valid: false, length: await em.count(AuditEntry), firstBrokenSeq: Math.min(seq, expectedSeq) };
      }
      prevHash = String(raw.hash);
      expectedSeq += 1;
    }
    if (rows.length < pageSize) return { valid: true, length: expectedSeq - 1, firstBrokenSeq: null };
    afterSeq = expectedSeq - 1;
  }
}

function toDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
}
