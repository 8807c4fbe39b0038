import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAnswers, type TestDatabase } from '../../server/src/testing/databases.js';
import { ServerProcess } from '../../server/src/testing/server-process.js';
import { servicesRequired } from '../../server/src/testing/services.js';
import {
  EVENTS,
  LiveOperation,
  openSocket,
  type EventData,
  type SocketClient,
} from '../../server/src/testing/ws-client.js';

/** A Redis of this test's own (the shared one at 6379 serves other runs): needs redis-server and PostgreSQL. */
const redisServer = spawnSync('redis-server', ['--version']).status === 0;
const runnable = redisServer && (await postgresAnswers());
if (!runnable && servicesRequired) throw new Error('REQUIRE_SERVICES=1 but redis-server or PostgreSQL is missing.');
if (!runnable) console.warn('skipping the Redis restart: redis-server or PostgreSQL is missing');

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

class OwnRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}
  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
      this.child!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

describe.runIf(runnable)('Redis stopped and restarted under two server processes', () => {
  let db: TestDatabase;
  let redis: OwnRedis;
  let first: ServerProcess;
  let second: ServerProcess;
  const sockets: SocketClient[] = [];
  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    db = await createTestDatabase('postgresql');
    const env = { DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${redis.port}`, REMINDERS: 'off' };
    first = new ServerProcess('first', env);
    await first.url;
    second = new ServerProcess('second', env);
    await second.url;
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
    await db?.drop();
  });

  const subscribe = async (server: ServerProcess) => {
    const token = await server.login('chief1');
    const since = (await server.gql('{ latestEventSeq }', {}, token)).data.latestEventSeq;
    const socket = openSocket(await server.url, token);
    sockets.push(socket);
    await socket.connected;
    return new LiveOperation<EventData>(socket.client, EVENTS, { since });
  };

  it('delivers every filing to the subscribers of both processes: none missed, none twice, in order', async () => {
    const onFirst = await subscribe(first);
    const onSecond = await subscribe(second);
    const tokens = { first: await first.login('e001'), second: await second.login('e002') };
    const filed: string[] = [];
    const file = async (label: string) => {
      for (const [server, token] of [
        [first, tokens.first],
        [second, tokens.second],
      ] as const) {
        const result = await server.gql(
          `mutation($t: String!) { fileHazard(input: { title: $t, grade: THIRD, rectifiedOnSpot: true, measures: "m" }) { id } }`,
          { t: `${label} via ${server.name}` },
          token,
        );
        expect(result.errors, label).toBeUndefined();
        filed.push(result.data.fileHazard.id);
      }
    };
    for (let i = 0; i < 5; i++) await file(`before #${i}`);
    await redis.stop();
    for (let i = 0; i < 5; i++) await file(`while Redis is down #${i}`);
    await redis.start();
    for (let i = 0; i < 5; i++) await file(`after #${i}`);
    for (const [name, live] of [
      ['first', onFirst],
      ['second', onSecond],
    ] as const) {
      await live.waitFor(
        (r) => filed.every((id) => r.some((e) => e.events.hazard?.id === id)),
        `every filing at the ${name}’s subscriber`,
        60_000,
      );
      const seqs = live.received.map((e) => e.events.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    }
  });
});
