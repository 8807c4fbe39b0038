import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { createTestDatabase } from '../../testing/databases.js';
import { FakeRenderer } from '../../testing/fake-renderer.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData } from '../../testing/ws-client.js';
import { DailySnapshot, SnapshotImageStatus } from './daily-snapshot.entity.js';

const dialects = await testDialects();
const TAKE = `mutation { takeSnapshot { id date imageStatus imageUrl } }`;

/** A webhook sink whose answer the test sets: `accept`, `refuse` (503) or `hang` for a while. */
async function startSink() {
  const received: Array<{ at: number; body: any }> = [];
  const mode = { answer: 'accept' as 'accept' | 'refuse' | 'hang', hangMs: 4_000 };
  /** Hooks answered so far; `hold` keeps every answer back until `release()`, whatever the machine's speed. */
  const answers = { count: 0, held: [] as Array<() => void>, hold: false };
  const release = () => answers.held.splice(0).forEach((answer) => answer());
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const answer = (status: number, body?: string) => {
        answers.count++;
        res.writeHead(status).end(body);
      };
      if (answers.hold) return void answers.held.push(() => answer(204));
      if (mode.answer === 'refuse') return void answer(503, 'busy');
      if (mode.answer === 'hang') return void setTimeout(() => answer(204), mode.hangMs);
      answer(204);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    mode,
    answers,
    release,
    close: () => {
      release();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Each test starts a server of its own (or two): generous timeouts, as the machine may be busy.
describe.each(dialects)('the snapshot survives crashes, shutdowns and bad hooks, on %s', (dialect) => {
  const servers: TestServer[] = [];
  const sinks: Array<Awaited<ReturnType<typeof startSink>>> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.close()));
  });
  const sink = async () => {
    const s = await startSink();
    sinks.push(s);
    return s;
  };

  it('renders again, and announces, an image a crash left pending, when the timer sweeps', async () => {
    const hook = await sink();
    const clock = new ManualClock('2026-11-29T08:00:05+08:00');
    const renderer = new FakeRenderer();
    const server = await startTestServer({ dialect, clock, renderer, env: { WEBHOOK_URLS: hook.url } });
    servers.push(server);
    await server.gql(TAKE, {}, await server.login('director'));
    await server.app.deps.reminders.delivery.settled();
    // What a crash between storing the data and storing the image leaves behind.
    const em = server.app.orm.em.fork();
    const left = await em.findOneOrFail(DailySnapshot, { date: '2026-11-29' });
    left.imageStatus = SnapshotImageStatus.PENDING;
    left.imagePng = null;
    await em.flush();
    hook.received.length = 0;

    await server.app.reminders.sweep();
    expect(renderer.urls).toHaveLength(1);
    clock.advance(5 * 60_000);
    await server.app.reminders.sweep();
    expect(renderer.urls).toHaveLength(2);
    const read = await server.gql(
      `{ dailySnapshot(date: "2026-11-29") { imageStatus imageUrl } }`,
      {},
      await server.login('director'),
    );
    expect(read.data!.dailySnapshot.imageStatus).toBe('STORED');
    expect((await fetch(read.data!.dailySnapshot.imageUrl)).status).toBe(200);
    await server.app.deps.reminders.delivery.settled();
    expect(hook.received.map((r) => r.body.date)).toEqual(['2026-11-29']);
  }, 120_000);

  it('leaves a delivery still retrying at shutdown pending, and resumes it when the server runs again', async () => {
    const hook = await sink();
    hook.mode.answer = 'refuse';
    const db = await createTestDatabase(dialect);
    const clock = new ManualClock('2026-11-29T09:30:00+08:00');
    const env = { WEBHOOK_URLS: hook.url, WEBHOOK_BACKOFF: '1h', WEBHOOK_ATTEMPTS: '3' };
    try {
      const first = await startTestServer({ dialect, clock, renderer: new FakeRenderer(), database: db, env });
      await first.gql(TAKE, {}, await first.login('director'));
      await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 10_000 });
      await first.close();

      hook.mode.answer = 'accept';
      clock.advance(60_000);
      const second = await startTestServer({ dialect, clock, renderer: new FakeRenderer(), database: db, env });
      servers.push(second);
      const director = await second.login('director');
      const LOG = `{ deliveries(first: 20) { edges { node { subject subjectKey status attempts lastError } } } }`;
      const left = (await second.gql(LOG, {}, director)).data!.deliveries.edges.map((e: any) => e.node);
      expect(left).toMatchObject([{ subject: 'SNAPSHOT', status: 'PENDING', attempts: 1 }]);
      expect(left[0].lastError).toContain('left pending at shutdown');

      await second.app.reminders.sweep();
      await vi.waitFor(() => expect(hook.received).toHaveLength(2), { timeout: 10_000 });
      await second.app.deps.reminders.delivery.settled();
      const settled = (await second.gql(LOG, {}, director)).data!.deliveries.edges.map((e: any) => e.node);
      expect(settled).toEqual([
        { subject: 'SNAPSHOT', subjectKey: '2026-11-29', status: 'DELIVERED', attempts: 2, lastError: null },
      ]);
      expect(hook.received[1]!.body).toEqual(hook.received[0]!.body);
    } finally {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      await db.drop();
    }
  }, 60_000);

  it('answers takeSnapshot while a hook has not answered, and delivers once it does', async () => {
    const hook = await sink();
    // The hook answers only when the test says so: a snapshot that waited for it could not return.
    hook.answers.hold = true;
    const server = await startTestServer({
      dialect,
      clock: new ManualClock('2026-11-29T08:00:05+08:00'),
      renderer: new FakeRenderer(),
      env: { WEBHOOK_URLS: hook.url },
    });
    servers.push(server);
    const director = await server.login('director');
    const taken = await server.gql(TAKE, {}, director);
    expect(taken.errors).toBeUndefined();
    expect(hook.answers.count).toBe(0);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 10_000 });
    hook.answers.hold = false;
    hook.release();
    await vi.waitFor(() => expect(hook.answers.count).toBe(1), { timeout: 10_000 });
    expect(hook.received[0]!.body).toMatchObject({
      type: 'hazardloop.snapshot',
      date: '2026-11-29',
      wallboard: { enterpriseCount: 100 },
    });
  }, 120_000);

  it('tells subscribers of `events` over a real socket that the snapshot was taken', async () => {
    const server = await startTestServer({
      dialect,
      clock: new ManualClock('2026-11-29T08:00:05+08:00'),
      renderer: new FakeRenderer(),
    });
    servers.push(server);
    const chief = await server.login('chief1');
    const since = (await server.gql(`{ latestEventSeq }`, {}, chief)).data!.latestEventSeq;
    const socket = openSocket(server.url, chief);
    try {
      await socket.connected;
      const live = new LiveOperation<EventData>(socket.client, EVENTS, { since });
      await server.gql(TAKE, {}, await server.login('director'));
      const events = await live.waitFor((r) => r.some((e) => e.events.kind === 'SNAPSHOT_TAKEN'), 'SNAPSHOT_TAKEN');
      const taken = events.find((e) => e.events.kind === 'SNAPSHOT_TAKEN')!;
      expect(JSON.stringify(taken.events)).toContain('2026-11-29');
      live.stop();
    } finally {
      await socket.dispose();
    }
  }, 120_000);
});
