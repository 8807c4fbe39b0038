import Dexie, { type EntityTable } from 'dexie';

/** A photo waiting with its operation: downscaled on the phone, uploaded first, then named by its id. */
export interface OutboxPhoto {
  /** Sent as the upload's Idempotency-Key: a resent photo is stored once. */
  key: string;
  name: string;
  blob: Blob;
  /** The server's id once uploaded. */
  id?: string;
}

export type OutboxKind = 'fileHazard' | 'submitRectification' | 'recordInspection' | 'recordCheck';

/** One operation waiting on the phone to be sent (R17, docs/rules.md). */
export interface OutboxEntry {
  /** Increasing: entries are sent in the order they were made. */
  seq?: number;
  kind: OutboxKind;
  /** Whose session made it: on a shared phone, another user's entries wait for them. */
  owner: string;
  /** What the outbox page shows: the hazard's title, or the inspected enterprise's name. */
  title: string;
  /** The mutation's variables, without photoIds, idempotency key and queuedAt. */
  variables: Record<string, unknown>;
  photos: OutboxPhoto[];
  /** Made when the user pressed submit; every send of this entry carries it. */
  idempotencyKey: string;
  /** When the user pressed submit (the phone's clock). */
  createdAt: string;
  /** It could not be sent at once: the server is told it waited (queuedAt). */
  waited: boolean;
  status: 'waiting' | 'refused';
  /** The server's sentence when it refused the entry, for the user to correct or discard. */
  error?: string;
  /** The input field the server named in its refusal (`deadline`, `hazard.title`, …). */
  errorField?: string;
  /** What the form held, as the user typed it: a refused entry reopens in its form with these values. */
  form?: unknown;
  /** Where its form is (`/hazards/new`, `/hazards/<id>`, `/risk/points/<id>/check`), opened with `?entry=<seq>`. */
  formPath?: string;
}

class OutboxDatabase extends Dexie {
  entries!: EntityTable<OutboxEntry, 'seq'>;

  constructor() {
    super('hazardloop-outbox');
    this.version(1).stores({ entries: '++seq, owner, status' });
  }
}

export const outboxDb = new OutboxDatabase();
