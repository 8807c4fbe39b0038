import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventRecord } from '../modules/event/event-record.entity.js';
import { ManualClock } from '../modules/common/clock.js';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData } from '../testing/ws-client.js';
import { highestSeq } from '../modules/event/event-log.js';

const dialects = await testDialects();
const EXTRA = 6_000;

describe.each(dialects)('replaying events(since), on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  let statements = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    // A busy log: copies of the seeded events (same enterprises and hazards), stamped within the horizon.
    const em = server.app.orm.em.fork();
    const seeded = await em.find(EventRecord, {}, { orderBy: { seq: 'asc' }, limit: 200 });
    let seq = await highestSeq(em);
    const rows = Array.from({ length: EXTRA }, (_, i) => {
      const from = seeded[i % seeded.length]!;
      return {
        seq: ++seq,
        kind: from.kind,
        at: new Date(clock.now().getTime() - 60_000),
        enterpriseId: from.enterpriseId,
        departmentId: from.departmentId,
        hazardId: from.hazardId,
        payload: from.payload,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await em.insertMany(EventRecord, rows.slice(i, i + 1000));
    server.app.orm.em
      .getConnection()
      .getKnex()
      .on('query', () => void statements++);
  });
  afterAll(() => server?.close());

  it('replays thousands of events in pages, a few statements per page, with /healthz answering meanwhile', async () => {
    const token = await server.login('director');
    const latest = await highestSeq(server.app.orm.em.fork());
    const socket = openSocket(server.url, token);
    try {
      await socket.connected;
      statements = 0;
      const live = new LiveOperation<EventData>(socket.client, EVENTS, { since: latest - EXTRA });
      const health: number[] = [];
      while (live.received.length < EXTRA && health.length < 200) {
        const started = Date.now();
        const response = await fetch(`${server.url}/healthz`);
        expect(response.status).toBe(200);
        health.push(Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await live.waitFor((r) => r.length >= EXTRA, 'the whole replay', 60_000);
      expect(live.received.at(-1)!.events.seq).toBe(latest);
      expect(live.received.filter((r) => r.events.enterprise).length).toBeGreaterThan(EXTRA / 2);
      expect(Math.max(...health)).toBeLessThan(1000);
      // Per event there would be two or three statements (enterprise, hazard, …); per page of 500 a handful.
      expect(statements).toBeLessThan((EXTRA / 200) * 8 + health.length + 20);
      live.stop();
    } finally {
      await socket.dispose();
    }
  }, 150_000);

  it('refuses a since older than the replay horizon, pointing to hazards and stats, and resumes from a recent one', async () => {
    clock.advance(8 * 86_400_000);
    const token = await server.login('chief1');
    const socket = openSocket(server.url, token);
    try {
      await socket.connected;
      const old = new LiveOperation<EventData>(socket.client, EVENTS, { since: 0 });
      await old.waitForError('the refusal');
      const error = old.errors[0] as { extensions?: Record<string, unknown>; message: string };
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
      expect(error.message).toMatch(/hazards.*stats|stats.*hazards/);
      const latest = await highestSeq(server.app.orm.em.fork());
      const recent = new LiveOperation<EventData>(socket.client, EVENTS, { since: latest });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(recent.errors).toEqual([]);
      recent.stop();
    } finally {
      await socket.dispose();
    }
  });
});
