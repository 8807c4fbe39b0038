import type { Orm } from '../config/database.js';
import { log } from '../config/log.js';

/** Any fixed number, distinct from the ledger lock's: the session-level advisory lock that names the timer leader. */
const LEADER_LOCK_KEY = 7_340_022;
/** How often a follower asks for the lock; a dead leader's lock is gone as soon as PostgreSQL notices. */
const FOLLOWER_POLL_MS = 500;
/** How often the leader proves its connection alive; it steps down when that fails. */
const HEARTBEAT_MS = 3_000;

/** What knex hands out from its pool on PostgreSQL (a node-postgres client). */
interface PgConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
  removeAllListeners?(event: string): void;
}

interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

export interface Leadership {
  isLeader(): boolean;
  /** Resolves once the first try for the lock is over (and, if it won, the timers have started). */
  settled: Promise<void>;
  stop(): Promise<void>;
}

export interface LeaderCallbacks {
  elected(): void | Promise<void>;
  deposed(): void | Promise<void>;
}

/**
 * Exactly one process of an installation runs the timers (alerts and deadlines, reminders). On PostgreSQL the
 * leader holds a session-level advisory lock on one dedicated connection (never `em.execute`,
 * which lands on whichever pooled connection is free); followers ask for it every half second and
 * take over when the leader's connection dies. SQLite serves one process, which always leads.
 */
export function electLeader(orm: Orm, kind: 'sqlite' | 'postgresql', callbacks: LeaderCallbacks): Leadership {
  if (kind === 'sqlite') {
    let leading = true;
    const settled = Promise.resolve(callbacks.elected());
    return {
      isLeader: () => leading,
      settled,
      async stop() {
        if (leading) await callbacks.deposed();
        leading = false;
      },
    };
  }

  const client = orm.em.getConnection().getKnex().client as unknown as KnexClient;
  let connection: PgConnection | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inflight: Promise<void> = Promise.resolve();

  const run = (fn: () => Promise<void>) => {
    inflight = fn();
  };
  const later = (fn: () => Promise<void>, ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => run(fn), ms);
    timer.unref();
  };

  const stepDown = async (reason: string) => {
    if (!leading) return;
    leading = false;
    log.warn(`timer leadership lost: ${reason}`);
    await callbacks.deposed();
  };

  const dropConnection = async () => {
    const dead = connection;
    connection = null;
    if (!dead) return;
    // A broken client must not go back to the pool; knex discards it when its query fails, so only a healthy one is released.
    await client.releaseConnection(dead).catch(() => undefined);
  };

  const heartbeat = async (): Promise<void> => {
    if (stopped || !connection) return;
    try {
      await connection.query('select 1');
      later(heartbeat, HEARTBEAT_MS);
    } catch (error) {
      await stepDown(`its database connection failed (${(error as Error).message})`);
      await dropConnection();
      later(attempt, FOLLOWER_POLL_MS);
    }
  };

  const attempt = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (!connection) {
        connection = await client.acquireConnection();
        connection.on(
          'error',
          (error) => void stepDown(`its database connection failed (${error?.message ?? 'closed'})`),
        );
      }
      const { rows } = await connection.query('select pg_try_advisory_lock($1) as ok', [LEADER_LOCK_KEY]);
      if (stopped) return;
      if (rows[0]?.ok === true) {
        leading = true;
        log.info('this process now runs the alert and deadline timers');
        await callbacks.elected();
        later(heartbeat, HEARTBEAT_MS);
      } else {
        later(attempt, FOLLOWER_POLL_MS);
      }
    } catch (error) {
      log.warn(`timer leadership: cannot reach PostgreSQL (${(error as Error).message}); retrying`);
      await dropConnection();
      later(attempt, FOLLOWER_POLL_MS * 4);
    }
  };

  run(attempt);
  const settled = inflight;

  return {
    isLeader: () => leading,
    settled,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inflight;
      await stepDown('the server is stopping');
      if (connection) {
        // Unlock before the connection goes back to the pool: a session lock would otherwise stay with it.
        await connection.query('select pg_advisory_unlock_all()').catch(() => undefined);
        await dropConnection();
      }
    },
  };
}
