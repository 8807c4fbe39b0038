import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';

/**
 * Sign-in throttling. Two counters per attempt:
 * - per account at one client address: three attempts free, then each further one waits 1 s, 2 s,
 *   4 s … up to 15 min; forgiven a day after the last attempt, and cleared by a success there;
 * - per account, from anywhere: thirty attempts in a fixed quarter of an hour, then it waits until
 *   that quarter ends. One address cannot reach it before its own counter stops it, so failures
 *   from one address never lock the real user out at another (and a block refuses even the right
 *   password, so it tells a guesser nothing).
 * Each attempt is counted before its password is checked, in one INSERT … ON CONFLICT DO UPDATE …
 * RETURNING (SQLite and PostgreSQL alike), so concurrent guesses cannot slip past the count.
 */
export const THROTTLES = {
  pair: { free: 3, maxDelayMs: 15 * 60_000, ttlMs: 24 * 3_600_000, sliding: true },
  account: { free: 30, maxDelayMs: 15 * 60_000, ttlMs: 15 * 60_000, sliding: false },
} as const;
type ThrottleKind = keyof typeof THROTTLES;

/** Usernames longer than this are refused before anything is stored. */
export const MAX_USERNAME_LENGTH = 100;

/** PostgreSQL would type a bare parameter as int4, too small for epoch milliseconds. */
const NOW = 'cast(:now as bigint)';

/** `case` over the attempt count: null while free, then now + 1 s, 2 s, 4 s … capped (the cap ends the ladder). */
function delayLadder(count: string, kind: ThrottleKind): string {
  const { free, maxDelayMs } = THROTTLES[kind];
  if (kind === 'account') return `case when ${count} < ${free} then null else ${NOW} + ${maxDelayMs} end`;
  const steps: string[] = [];
  for (let n = free, delay = 1000; delay < maxDelayMs; n++, delay *= 2)
    steps.push(`when ${count} = ${n} then ${NOW} + ${delay}`);
  return `case when ${count} < ${free} then null ${steps.join(' ')} else ${NOW} + ${maxDelayMs} end`;
}

export interface Attempt {
  /** True when this attempt may have its password checked. */
  allowed: boolean;
  /** When refused: seconds until an attempt is checked again. */
  retryAfterSeconds: number;
}

async function count(em: EntityManager, kind: ThrottleKind, subject: string, now: number): Promise<Attempt> {
  const { ttlMs, sliding } = THROTTLES[kind];
  const attempt = randomUUID();
  const t = 'login_throttle';
  const fresh = `${t}.expires_at <= ${NOW}`;
  const blocked = `${t}.blocked_until > ${NOW}`;
  const sql = `insert into ${t} (subject, failures, blocked_until, checked_by, expires_at)
    values (:subject, 1, ${delayLadder('1', kind)}, :attempt, cast(:expires as bigint))
    on conflict (subject) do update set
      failures = case when ${fresh} then 1 when ${blocked} then ${t}.failures else ${t}.failures + 1 end,
      blocked_until = case when ${fresh} then ${delayLadder('1', kind)} when ${blocked} then ${t}.blocked_until
        else ${delayLadder(`${t}.failures + 1`, kind)} end,
      checked_by = case when not (${fresh}) and ${blocked} then ${t}.checked_by else :attempt end,
      expires_at = case when ${fresh} or ${sliding} then cast(:expires as bigint) else ${t}.expires_at end
    returning blocked_until, checked_by`;
  const result = await em.getKnex().raw(sql, { subject, attempt, now, expires: now + ttlMs });
  // PostgreSQL answers { rows }, SQLite (libsql through knex) an array.
  const rows = (Array.isArray(result) ? result : result.rows) as Array<{ blocked_until: unknown; checked_by: string }>;
  const row = rows[0]!;
  if (row.checked_by === attempt) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Number(row.blocked_until) - now) / 1000)) };
}

/** Counts one sign-in attempt for `username` from `address`; refused attempts must not have their password checked. */
export async function countAttempt(em: EntityManager, username: string, address: string, now: Date): Promise<Attempt> {
  const at = now.getTime();
  await em.getKnex().raw(`delete from login_throttle where expires_at <= ${NOW}`, { now: at });
  const pair = await count(em, 'pair', `p:${username}@${address}`, at);
  if (!pair.allowed) return pair;
  return count(em, 'account', `a:${username}`, at);
}

/** A success clears the address's count and takes this attempt off the account's. */
export async function forgiveAttempt(em: EntityManager, username: string, address: string): Promise<void> {
  const knex = em.getKnex();
  await knex.raw('delete from login_throttle where subject = :subject', { subject: `p:${username}@${address}` });
  await knex.raw('update login_throttle set failures = failures - 1 where subject = :subject and failures > 0', {
    subject: `a:${username}`,
  });
}
