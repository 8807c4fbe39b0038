import { serverNow } from '../../../shared/server-clock.js';
import type { ApolloClient, NormalizedCacheObject } from '@apollo/client/core';
import { ApolloError } from '@apollo/client/core';
import { liveQuery } from 'dexie';
import { ref, watch } from 'vue';
import {
  FileHazardDocument,
  RecordCheckDocument,
  RecordInspectionDocument,
  SubmitRectificationDocument,
} from '../../../gql/generated.js';
import { randomKey } from '../../../shared/random-key.js';
import { toast } from '../../../shared/toast.js';
import { authToken } from '../../auth/composables/session.js';
import { loadViewer } from '../../auth/composables/viewer.js';
import { outboxDb, type OutboxEntry, type OutboxKind, type OutboxPhoto } from './outbox-db.js';

/** How a send went: sent (with what the server made), refused (its sentence), or still waiting for a network. */
export type SendOutcome =
  | { state: 'sent'; id: string; title: string }
  | { state: 'refused'; error: string; field?: string }
  | { state: 'waiting' };

/** The entries of the signed-in user, newest state first; the header and the outbox page watch it. */
export const outboxEntries = ref<OutboxEntry[]>([]);
/** Whether a send is under way (the outbox page says so). */
export const sending = ref(false);

let client: ApolloClient<NormalizedCacheObject> | null = null;
let owner: string | null = null;
const outcomes = new Map<number, SendOutcome>();
/** Entries whose sender waits for the outcome on screen (and says it); the others are told of by a toast. */
const awaited = new Set<number>();
let running: Promise<void> | null = null;
let again = false;

/** A network that is not there (offline, server unreachable), as opposed to the server's refusal. */
class Unreachable extends Error {}

async function currentOwner(): Promise<string | null> {
  if (!client || !authToken.value) return null;
  const viewer = await loadViewer(client);
  return viewer?.username ?? null;
}

/** Starts the outbox: watches it for the header, sends on app start, on reconnect, on sign-in and every 30 s. */
export function startOutbox(apollo: ApolloClient<NormalizedCacheObject>): void {
  client = apollo;
  let subscription: { unsubscribe(): void } | null = null;
  const follow = async () => {
    owner = await currentOwner();
    subscription?.unsubscribe();
    if (!owner) {
      outboxEntries.value = [];
      return;
    }
    const who = owner;
    subscription = liveQuery(() => outboxDb.entries.where('owner').equals(who).sortBy('seq')).subscribe({
      next: (entries) => (outboxEntries.value = entries),
      error: () => undefined,
    });
    void flushOutbox();
  };
  watch(authToken, () => void follow());
  window.addEventListener('online', () => void flushOutbox());
  window.setInterval(() => {
    if (outboxEntries.value.some((e) => e.status === 'waiting')) void flushOutbox();
  }, 30_000);
  void follow();
}

/** How a form puts its operation in the outbox: its values (to reopen it if refused) and the entry it corrects. */
export interface EnqueueOptions {
  /** What the form held, as the user typed it. */
  form?: unknown;
  /** The form's path, where a refused entry is corrected (`?entry=<seq>` is added). */
  formPath?: string;
  /** The refused entry this one corrects: it leaves the outbox as this one enters it. */
  replaces?: number | null;
}

/**
 * Puts one operation in the outbox, with the idempotency key of this press of the submit button (a corrected
 * entry is a new press: new key, new time, sent after what waits already).
 */
export async function enqueue(
  kind: OutboxKind,
  title: string,
  variables: Record<string, unknown>,
  photos: Array<{ name: string; blob: Blob; id?: string }>,
  options: EnqueueOptions = {},
): Promise<number> {
  const who = owner ?? (await currentOwner());
  if (!who) throw new Error('not signed in');
  owner = who;
  const entry: OutboxEntry = {
    kind,
    owner: who,
    title,
    variables,
    photos: photos.map((p): OutboxPhoto => ({ key: randomKey(), name: p.name, blob: p.blob, id: p.id })),
    idempotencyKey: randomKey(),
    // The server's clock (R1): queuedAt is compared with the server's now, not the device's.
    createdAt: serverNow().toISOString(),
    waited: typeof navigator !== 'undefined' && navigator.onLine === false,
    status: 'waiting',
    // Plain data only: IndexedDB stores a structured clone, and a Vue proxy cannot be cloned.
    form: options.form === undefined ? undefined : JSON.parse(JSON.stringify(options.form)),
    formPath: options.formPath,
  };
  return outboxDb.transaction('rw', outboxDb.entries, async () => {
    if (options.replaces != null) await outboxDb.entries.delete(options.replaces);
    return (await outboxDb.entries.add(entry)) as number;
  });
}

/** A refused entry of the signed-in user, for its form to reopen with the user's values and the server's sentence. */
export async function refusedEntry(seq: number, kind: OutboxKind): Promise<OutboxEntry | null> {
  const who = owner ?? (await currentOwner());
  const entry = Number.isInteger(seq) ? await outboxDb.entries.get(seq) : undefined;
  return entry && entry.owner === who && entry.kind === kind && entry.status === 'refused' ? entry : null;
}

/** Sends this entry now if the network allows (and everything queued before it); says how it went. */
export async function sendNow(seq: number): Promise<SendOutcome> {
  awaited.add(seq);
  try {
    await flushOutbox();
  } finally {
    awaited.delete(seq);
  }
  const outcome = outcomes.get(seq);
  if (outcome) return outcome;
  const entry = await outboxDb.entries.get(seq);
  if (entry?.status === 'refused') return { state: 'refused', error: entry.error ?? '', field: entry.errorField };
  return { state: 'waiting' };
}

/**
 * Sends the waiting entries in order, each at most once in effect: photos first (each with its own key),
 * then the operation with their ids and the entry's key, so that a resend after a lost answer changes nothing
 * on the server. A network failure stops the round (order is kept); a refusal marks the entry and goes on.
 */
export function flushOutbox(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    sending.value = true;
    try {
      do {
        again = false;
        await sendRound();
      } while (again);
    } finally {
      sending.value = false;
      running = null;
    }
  })();
  return running;
}

async function sendRound(): Promise<void> {
  const who = owner ?? (await currentOwner());
  if (!who || !client || !authToken.value) return;
  const waiting = await outboxDb.entries
    .where('owner')
    .equals(who)
    .filter((e) => e.status === 'waiting')
    .sortBy('seq');
  for (const entry of waiting) {
    try {
      const outcome = await sendEntry(client, entry);
      outcomes.set(entry.seq!, outcome);
      if (!awaited.has(entry.seq!)) tellOf(entry, outcome);
      if (outcome.state === 'sent') await outboxDb.entries.delete(entry.seq!);
      else if (outcome.state === 'refused')
        await outboxDb.entries.update(entry.seq!, {
          status: 'refused',
          error: outcome.error,
          errorField: outcome.field,
        });
    } catch (error) {
      if (error instanceof Unreachable) {
        await outboxDb.entries.update(entry.seq!, { waited: true });
        return;
      }
      throw error;
    }
  }
}

/** Something kept on the phone went out (or was refused) while the user was elsewhere: say so. */
function tellOf(entry: OutboxEntry, outcome: SendOutcome): void {
  if (outcome.state === 'sent') toast.success({ key: 'toast.outbox.sent', params: { title: entry.title } });
  else if (outcome.state === 'refused')
    toast.failure({ key: 'toast.outbox.refused', params: { title: entry.title, error: outcome.error } });
}

async function uploadPhoto(photo: OutboxPhoto): Promise<{ id: string } | { error: string }> {
  const body = new FormData();
  body.append('file', photo.blob, photo.name);
  let response: Response;
  try {
    response = await fetch('/uploads', {
      method: 'POST',
      body,
      headers: {
        authorization: `Bearer ${authToken.value ?? ''}`,
        'idempotency-key': photo.key,
        // A refusal kept in the outbox is a sentence in the language the user chose.
        'accept-language': document.documentElement.lang || 'zh-CN',
      },
    });
  } catch {
    throw new Unreachable();
  }
  const json = (await response.json().catch(() => ({}))) as { id?: unknown; message?: unknown; code?: unknown };
  // A session that expired while the phone was offline: keep the entry until the user signs in again.
  if (response.status === 401 || response.status >= 500) throw new Unreachable();
  if (response.ok && typeof json.id === 'string') return { id: json.id };
  return { error: typeof json.message === 'string' ? json.message : `HTTP ${response.status}` };
}

async function sendEntry(apollo: ApolloClient<NormalizedCacheObject>, entry: OutboxEntry): Promise<SendOutcome> {
  const photoIds: string[] = [];
  for (const photo of entry.photos) {
    if (!photo.id) {
      const uploaded = await uploadPhoto(photo);
      if ('error' in uploaded) return { state: 'refused', error: uploaded.error, field: 'photoIds' };
      photo.id = uploaded.id;
      await outboxDb.entries.update(entry.seq!, { photos: entry.photos });
    }
    photoIds.push(photo.id);
  }
  const queuedAt = entry.waited ? entry.createdAt : null;
  try {
    if (entry.kind === 'fileHazard') {
      const input = {
        ...(entry.variables as Record<string, unknown>),
        idempotencyKey: entry.idempotencyKey,
        ...(queuedAt ? { queuedAt } : {}),
        ...(photoIds.length ? { photoIds } : {}),
      };
      const result = await apollo.mutate({
        mutation: FileHazardDocument,
        variables: { input: input as never },
        refetchQueries: ['Hazards'],
      });
      const hazard = result.data!.fileHazard;
      return { state: 'sent', id: hazard.id, title: hazard.title };
    }
    if (entry.kind === 'recordInspection') {
      const input = {
        ...(entry.variables as Record<string, unknown>),
        idempotencyKey: entry.idempotencyKey,
        ...(queuedAt ? { queuedAt } : {}),
      };
      const result = await apollo.mutate({
        mutation: RecordInspectionDocument,
        variables: { input: input as never },
        refetchQueries: ['EnterpriseDetail', 'Hazards'],
      });
      return { state: 'sent', id: result.data!.recordInspection.id, title: entry.title };
    }
    if (entry.kind === 'recordCheck') {
      const result = await apollo.mutate({
        mutation: RecordCheckDocument,
        variables: {
          ...(entry.variables as { taskId: string; result: 'NORMAL' | 'HAZARD_FOUND' }),
          photoIds,
          idempotencyKey: entry.idempotencyKey,
          queuedAt,
        },
        refetchQueries: ['RiskRegister', 'Hazards'],
      });
      return { state: 'sent', id: result.data!.recordCheck.id, title: entry.title };
    }
    const result = await apollo.mutate({
      mutation: SubmitRectificationDocument,
      variables: {
        ...(entry.variables as { hazardId: string; note: string | null }),
        photoIds,
        idempotencyKey: entry.idempotencyKey,
        queuedAt,
      },
    });
    const hazard = result.data!.submitRectification;
    return { state: 'sent', id: hazard.id, title: hazard.title };
  } catch (error) {
    if (error instanceof ApolloError && error.graphQLErrors.length) {
      const first = error.graphQLErrors[0]!;
      if (first.extensions?.['code'] === 'UNAUTHENTICATED') throw new Unreachable();
      const field = first.extensions?.['field'];
      return { state: 'refused', error: first.message, field: typeof field === 'string' ? field : undefined };
    }
    throw new Unreachable();
  }
}

/** The user gives up on a refused (or waiting) entry. */
export async function discardEntry(seq: number): Promise<void> {
  await outboxDb.entries.delete(seq);
}

/** The user asks for a refused entry to be sent again (e.g. after the hazard was reopened). */
export async function retryEntry(seq: number): Promise<void> {
  await outboxDb.entries.update(seq, { status: 'waiting', error: undefined, errorField: undefined });
  await flushOutbox();
}
