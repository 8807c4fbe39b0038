/**
 * Issue 15's bounded replay: how fast `events(since)` hands a reconnecting wallboard what it missed.
 * A busy log of REPLAY_EVENTS copies of the seeded events (same enterprises and hazards, inside the
 * replay horizon) is replayed to the director over the socket with the dashboard's own selection
 * (enterprise, hazard and alert resolved), and the figure is events per second to the last one.
 */
import { readFileSync } from 'node:fs';
import type { DatabaseKind } from '../src/config/env.js';
import { highestSeq } from '../src/modules/event/event-log.js';
import { EventRecord } from '../src/modules/event/event-record.entity.js';
import { startTestServer } from '../src/testing/test-server.js';
import { rawSubscribe } from '../src/testing/raw-socket.js';

export const REPLAY_EVENTS = 50_000;
/** The goal on PostgreSQL; SQLite, in the server's own process, is held to a fifth of it. */
const GOAL_PER_SECOND: Record<DatabaseKind, number> = { postgresql: 10_000, sqlite: 2_000 };

type Record = (what: string, ms: number, goal: number) => void;
type Rate = (what: string, perSecond: number, goal: number) => void;

/** The wallboard's subscription as the dashboard sends it, so the figure is what a TV waits for. */
const DASHBOARD_EVENTS = readFileSync(
  new URL('../../dashboard/src/features/wallboard/graphql/events.graphql', import.meta.url),
  'utf8',
);

export async function benchReplay(dialect: DatabaseKind, record: Record, rate: Rate): Promise<void> {
  const server = await startTestServer({ dialect });
  try {
    const em = server.app.orm.em.fork();
    const seeded = await em.find(EventRecord, {}, { orderBy: { seq: 'asc' }, limit: 500 });
    let seq = await highestSeq(em);
    const first = seq;
    const at = new Date(server.app.deps.clock.now().getTime() - 3_600_000);
    for (let done = 0; done < REPLAY_EVENTS; done += 1000) {
      const rows = Array.from({ length: Math.min(1000, REPLAY_EVENTS - done) }, (_, i) => {
        const from = seeded[(done + i) % seeded.length]!;
        return {
          seq: ++seq,
          kind: from.kind,
          at,
          enterpriseId: from.enterpriseId,
          departmentId: from.departmentId,
          hazardId: from.hazardId,
          payload: from.payload,
        };
      });
      await em.insertMany(EventRecord, rows);
    }

    const token = await server.login('director');
    const seconds = await replayOver(server.url, token, first, seq);
    record(
      `${dialect}: replay of ${REPLAY_EVENTS.toLocaleString('en')} events to the director`,
      seconds * 1000,
      60_000,
    );
    rate(`${dialect}: replay rate`, REPLAY_EVENTS / seconds, GOAL_PER_SECOND[dialect]);
  } finally {
    await server.close();
  }
}

/**
 * The subscriber is a bare graphql-transport-ws socket that counts `next` frames and reads only the
 * last: a browser does its own parsing on its own machine, so the server's process should not pay a
 * full client's cost per event in this figure.
 */
function replayOver(url: string, token: string, since: number, last: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let started = 0;
    let received = 0;
    const { socket, subscribed } = rawSubscribe(url, token, DASHBOARD_EVENTS, { since }, (text) => {
      if (!text.includes('"type":"next"')) return fail(new Error(`replay: ${text.slice(0, 300)}`));
      if (++received < REPLAY_EVENTS) return;
      const seconds = (performance.now() - started) / 1000;
      const message = JSON.parse(text) as { payload: { data?: { events: { seq: number } } } };
      clearTimeout(timer);
      socket.close();
      if (message.payload.data?.events.seq !== last) reject(new Error('the replay did not end at the latest event'));
      else resolve(seconds);
    });
    const timer = setTimeout(
      () => fail(new Error(`replay: ${received} of ${REPLAY_EVENTS} events in 10 min`)),
      600_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    };
    subscribed.then(() => (started = performance.now()), fail);
  });
}
