import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_TEST_URL } from '../testing/databases.js';
import { sharedServicesAnswer } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../testing/ws-client.js';

const shared = await sharedServicesAnswer();
const FILE = `mutation($t: String!) { fileHazard(input: { title: $t, grade: THIRD, rectifiedOnSpot: true }) { id } }`;

/** Two servers in this process over one PostgreSQL database, fanning out through Redis as two machines would. */
describe.runIf(shared)('events through Redis between two servers', () => {
  let a: TestServer;
  let b: TestServer;
  let redis: Redis;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_TEST_URL };
    a = await startTestServer({ dialect: 'postgresql', env });
    b = await startTestServer({ dialect: 'postgresql', env, database: a.db });
    redis = new Redis(REDIS_TEST_URL);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    redis?.disconnect();
    await b?.app.close();
    await a?.close();
  });

  const subscribe = async (server: TestServer, username: string) => {
    const token = await server.login(username);
    const since = (await server.gql(`{ latestEventSeq }`, {}, token)).data!.latestEventSeq;
    const socket = openSocket(server.url, token);
    sockets.push(socket);
    await socket.connected;
    return new LiveOperation<EventData>(socket.client, EVENTS, { since });
  };

  it('lets exactly one of the two run the timers', () => {
    expect([a.app.realtime.leadership.isLeader(), b.app.realtime.leadership.isLeader()].filter(Boolean)).toHaveLength(
      1,
    );
  });

  it('delivers a filing made through one server to a subscriber of the other', async () => {
    const onB = await subscribe(b, 'chief1');
    const filed = await a.gql(FILE, { t: 'filed through A' }, await a.login('e001'));
    await onB.waitFor((r) => r.some((e) => e.events.hazard?.id === filed.data!.fileHazard.id), 'the filing at B');
    onB.stop();
  });

  it('misses nothing while its Redis subscription is cut: the gap is read from the event log', async () => {
    const onB = await subscribe(b, 'director');
    const token = await a.login('e002');
    const before = onB.received.length;
    const { redisChannel } = b.app.deps.env;
    // Both servers share the channel; cut every subscriber connection of this installation, then file at once.
    const clients = (await redis.client('LIST')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(`name=${redisChannel}:subscribe`))
      .map((line) => /\bid=(\d+)/.exec(line)![1]!);
    expect(ids.length).toBe(2);
    for (const id of ids) await redis.client('KILL', 'ID', id);
    const titles = ['during the cut #1', 'during the cut #2', 'during the cut #3'];
    const hazardIds: string[] = [];
    for (const t of titles) hazardIds.push((await a.gql(FILE, { t }, token)).data!.fileHazard.id);
    await onB.waitFor(
      (r) => hazardIds.every((id) => r.some((e) => e.events.hazard?.id === id)),
      'every filing made during the cut',
    );
    const seqs = onB.received.slice(before).map((e) => e.events.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    onB.stop();
  });
});
