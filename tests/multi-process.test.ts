import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, REDIS_TEST_URL, type TestDatabase } from '../server/src/testing/databases.js';
import { sharedServicesAnswer } from '../server/src/testing/services.js';
import {
  EVENTS,
  LiveOperation,
  openSocket,
  type EventData,
  type SocketClient,
} from '../server/src/testing/ws-client.js';

const SERVER_DIR = fileURLToPath(new URL('../server/', import.meta.url));
const LEADER_LINE = 'now runs the alert and deadline timers';
const shared = await sharedServicesAnswer();

/** One `node src/main.ts` process, as an operator would run it behind a load balancer. */
class ServerProcess {
  readonly lines: Array<{ at: number; text: string }> = [];
  readonly url: Promise<string>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEED: 'demo', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      for (const text of chunk.toString().split('\n').filter(Boolean)) this.lines.push({ at: Date.now(), text });
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.url = this.waitForLine(/HazardLoop is serving (http:\/\/\S+) /, 90_000).then((m) => m[1]!);
  }

  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        for (const line of this.lines) {
          const match = pattern.exec(line.text);
          if (match) return resolve(match);
        }
        if (this.child.exitCode !== null) return reject(new Error(`${this.name} exited:\n${this.log()}`));
        if (Date.now() - started > timeoutMs)
          return reject(new Error(`${this.name}: no line ${pattern} within ${timeoutMs} ms:\n${this.log()}`));
        setTimeout(check, 25);
      };
      check();
    });
  }

  leads(): boolean {
    return this.lines.some((l) => l.text.includes(LEADER_LINE));
  }

  log(): string {
    return this.lines.map((l) => l.text).join('\n');
  }

  async gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
    const response = await fetch(`${await this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  }

  async login(username: string): Promise<string> {
    const result = await this.gql(`mutation($u: String!) { login(username: $u, password: "hazardloop") { token } }`, {
      u: username,
    });
    if (!result.data?.login)
      throw new Error(`${this.name}: login ${username} failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  }

  /** SIGKILL: no goodbye, no unlock; PostgreSQL alone notices the connection is gone. */
  kill(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000));
    await Promise.race([this.exited, timeout]);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

describe.runIf(shared)('several server processes sharing PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;
  const sockets: SocketClient[] = [];
  const subscribers = new Map<ServerProcess, LiveOperation<EventData>>();

  const subscribe = async (server: ServerProcess) => {
    const token = await server.login('chief1');
    const since = (await server.gql(`{ latestEventSeq }`, {}, token)).data.latestEventSeq;
    const socket = openSocket(await server.url, token);
    sockets.push(socket);
    await socket.connected;
    const operation = new LiveOperation<EventData>(socket.client, EVENTS, { since });
    subscribers.set(server, operation);
    return operation;
  };
  const fileWithDeadline = async (server: ServerProcess, title: string, inMs: number) => {
    const deadline = new Date(Date.now() + inMs).toISOString();
    const result = await server.gql(
      `mutation($t: String!, $d: DateTime!) { fileHazard(input: { title: $t, grade: THIRD, deadline: $d, measures: "m", responsiblePerson: "p" }) { id } }`,
      { t: title, d: deadline },
      await server.login('e001'),
    );
    expect(result.errors).toBeUndefined();
    return result.data.fileHazard.id as string;
  };
  const missed = (id: string) => (r: Array<EventData>) =>
    r.some((e) => e.events.kind === 'DEADLINE_MISSED' && e.events.hazard?.id === id);

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    // No Chromium for the snapshot image here: the test is about who takes it, not about pixels.
    // SNAPSHOT_AT 00:00: today's snapshot is due at start whatever the hour (a missed day is never
    // caught up, so with the default 08:00 a run before 08:00 bureau time would see none).
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: REDIS_TEST_URL,
      CHROMIUM_PATH: '/nonexistent/chromium',
      SNAPSHOT_AT: '00:00',
    };
    first = new ServerProcess('first', env);
    await first.url;
    second = new ServerProcess('second', env);
    await second.url;
    await Promise.race([
      first.waitForLine(new RegExp(LEADER_LINE), 30_000),
      second.waitForLine(new RegExp(LEADER_LINE), 30_000),
    ]);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await Promise.all([first?.stop(), second?.stop()]);
    await db?.drop();
  });

  it('delivers a filing made through either process to a subscriber of the other', async () => {
    const onFirst = await subscribe(first);
    const onSecond = await subscribe(second);
    const viaFirst = await first.gql(
      `mutation { fileHazard(input: { title: "through the first", grade: THIRD, rectifiedOnSpot: true }) { id } }`,
      {},
      await first.login('e001'),
    );
    const viaSecond = await second.gql(
      `mutation { fileHazard(input: { title: "through the second", grade: THIRD, rectifiedOnSpot: true }) { id } }`,
      {},
      await second.login('e002'),
    );
    await onSecond.waitFor(
      (r) => r.some((e) => e.events.hazard?.id === viaFirst.data.fileHazard.id),
      'the first’s filing at the second',
    );
    await onFirst.waitFor(
      (r) => r.some((e) => e.events.hazard?.id === viaSecond.data.fileHazard.id),
      'the second’s filing at the first',
    );
  });

  it('runs the deadline timers in exactly one process', async () => {
    expect([first.leads(), second.leads()].filter(Boolean)).toHaveLength(1);
    const id = await fileWithDeadline(second, 'due in three seconds', 3_000);
    for (const operation of subscribers.values()) await operation.waitFor(missed(id), 'DEADLINE_MISSED', 20_000);
    // Settle, then count: one announcement, whichever process tells it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const operation of subscribers.values()) {
      expect(
        operation.received.filter((e) => e.events.kind === 'DEADLINE_MISSED' && e.events.hazard?.id === id),
      ).toHaveLength(1);
    }
  });

  it('takes exactly one daily snapshot between them, in the timer leader only', async () => {
    const SNAPSHOTS = `{ dailySnapshots { totalCount edges { node { id date trigger } } } }`;
    const token = await first.login('director');
    await expect
      .poll(async () => (await first.gql(SNAPSHOTS, {}, token)).data.dailySnapshots.totalCount, { timeout: 30_000 })
      .toBe(1);
    const leader = first.leads() ? first : second;
    const follower = leader === first ? second : first;
    const taken = /snapshot \d{4}-\d{2}-\d{2} taken/;
    await leader.waitForLine(taken, 10_000);
    expect(follower.lines.some((l) => taken.test(l.text) || l.text.includes('reminder timers started'))).toBe(false);

    const [only] = (await first.gql(SNAPSHOTS, {}, token)).data.dailySnapshots.edges.map((e: any) => e.node);
    const again = await follower.gql(
      `mutation($d: Date) { takeSnapshot(date: $d) { id } }`,
      { d: only.date },
      await follower.login('director'),
    );
    expect(again.data.takeSnapshot.id).toBe(only.id);
    expect((await second.gql(SNAPSHOTS, {}, await second.login('director'))).data.dailySnapshots.totalCount).toBe(1);
  });

  it('moves the timers to the survivor when the leader is killed', async () => {
    const leader = first.leads() ? first : second;
    const survivor = leader === first ? second : first;
    const killedAt = Date.now();
    await leader.kill();
    await survivor.waitForLine(new RegExp(LEADER_LINE), 30_000);
    const takeover = survivor.lines.find((l) => l.text.includes(LEADER_LINE))!.at - killedAt;
    console.log(`timer leadership moved to the survivor ${takeover} ms after SIGKILL`);

    const id = await fileWithDeadline(survivor, 'due after the leader died', 4_000);
    const onSurvivor = subscribers.get(survivor)!;
    await onSurvivor.waitFor(missed(id), 'DEADLINE_MISSED from the survivor', 30_000);
    await onSurvivor.waitFor(
      (r) =>
        r.some(
          (e) => e.events.kind === 'ALERT_RAISED' && e.events.alert?.kind === 'OVERDUE' && e.events.hazard?.id === id,
        ),
      'the OVERDUE display',
    );

    // The survivor's reminder timers catch up on start and find the day's snapshot taken: still one.
    await survivor.waitForLine(/reminder timers started/, 10_000);
    const token = await survivor.login('director');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await survivor.gql(`{ dailySnapshots { totalCount } }`, {}, token)).data.dailySnapshots.totalCount).toBe(1);
  });
});
