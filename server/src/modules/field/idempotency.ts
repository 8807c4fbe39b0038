import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Viewer } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { canonicalJson } from '../common/canonical-json.js';
import { IdempotentRequest } from './idempotent-request.entity.js';

export const MAX_KEY_LENGTH = 200;

/** What identifies one send of an operation: who, which operation, the client's key and the input's hash. */
export interface Idempotency {
  userId: string;
  operation: string;
  key: string;
  inputHash: string;
  /** The input field (or header) that carried the key, for the refusal. */
  field: string;
}

/** The idempotency of a request, or null when the client gave no key (then every send is a new change). */
export function idempotencyOf(
  viewer: Viewer,
  operation: string,
  key: string | null | undefined,
  input: unknown,
  field = 'idempotencyKey',
): Idempotency | null {
  const trimmed = key?.trim();
  if (!trimmed) return null;
  if (trimmed.length > MAX_KEY_LENGTH) throw badInput('common.tooLong', { field, max: MAX_KEY_LENGTH }, field);
  const inputHash =
    input instanceof Buffer
      ? createHash('sha256').update(input).digest('hex')
      : createHash('sha256').update(canonicalJson(input)).digest('hex');
  return { userId: viewer.user.id, operation, key: trimmed, inputHash, field };
}

/** The first send's result id, if this key was used before; the same key with another input is refused. */
export async function earlierResult(em: EntityManager, idem: Idempotency): Promise<string | null> {
  const earlier = await em
    .fork()
    .findOne(IdempotentRequest, { user: idem.userId, operation: idem.operation, key: idem.key });
  if (!earlier) return null;
  if (earlier.inputHash !== idem.inputHash)
    throw badInput('common.idempotencyReused', { operation: idem.operation }, idem.field);
  return earlier.resultId;
}

/** Records the send inside the operation's transaction, so that the change and its key commit together. */
export async function rememberResult(tx: EntityManager, idem: Idempotency, resultId: string, now: Date): Promise<void> {
  tx.create(IdempotentRequest, {
    user: idem.userId,
    operation: idem.operation,
    key: idem.key,
    inputHash: idem.inputHash,
    resultId,
    createdAt: now,
  });
  await tx.flush();
}

/**
 * Runs a write at most once per key: a repeated send loads the first result; two sends racing each other
 * meet at the unique index and the loser answers with the winner's result.
 */
export async function once<T>(
  em: EntityManager,
  idem: Idempotency | null,
  load: (resultId: string) => Promise<T>,
  write: () => Promise<T>,
): Promise<T> {
  if (!idem) return write();
  const earlier = await earlierResult(em, idem);
  if (earlier) return load(earlier);
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      const winner = await earlierResult(em, idem);
      if (winner) return load(winner);
    }
    throw error;
  }
}
