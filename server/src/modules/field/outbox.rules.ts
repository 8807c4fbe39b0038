import { badInput } from '../../graphql/errors.js';
import { FUTURE_TOLERANCE_MS } from '../hazard/filing.rules.js';

/** What the history keeps of an operation that waited in a phone's outbox (R17, R1 in docs/rules.md). */
export interface OfflineFacts {
  /** When the phone queued it, as the phone says. */
  queuedAt: Date;
  /** How long the server saw it wait: its own receipt time minus queuedAt. */
  delaySeconds: number;
  /** It waited longer than the backfill window. */
  backfilled: boolean;
}

/**
 * Checks the client's claim that an operation waited in its outbox: like any claimed time (R1) it may not lie
 * more than 5 minutes ahead of the server's clock; one older than the backfill window is kept but flagged.
 */
export function checkQueuedAt(
  queuedAt: Date | null | undefined,
  now: Date,
  backfillWindowMs: number,
): OfflineFacts | null {
  if (!queuedAt) return null;
  if (queuedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw badInput('common.queuedFuture', { at: queuedAt.toISOString() }, 'queuedAt');
  const delayMs = Math.max(0, now.getTime() - queuedAt.getTime());
  return { queuedAt, delaySeconds: Math.round(delayMs / 1000), backfilled: delayMs > backfillWindowMs };
}

/** The history entry's `offline` part, when there is one. */
export function offlineAudit(facts: OfflineFacts | null): Record<string, unknown> {
  return facts ? { offline: facts } : {};
}
