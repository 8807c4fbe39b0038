import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../modules/common/clock.js';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../testing/ws-client.js';

const dialects = await testDialects();
const PER_USER = 20;
const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`;

describe.each(dialects)('fan-out of one event to many sockets, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  const sockets: SocketClient[] = [];
  let statements = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    await server.app.realtime.alerts.tick();
    server.app.orm.em
      .getConnection()
      .getKnex()
      .on('query', () => void statements++);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await server?.close();
  });

  it('resolves an event once per scope, not once per socket, and every socket gets its scope’s answer', async () => {
    const watch = async (username: string, since: number) => {
      const token = await server.login(username);
      return Promise.all(
        Array.from({ length: PER_USER }, async (_, i) => {
          const socket = openSocket(server.url, token);
          sockets.push(socket);
          await socket.connected;
          // Different `since` values: the resumption point does not change what a live event looks like.
          return new LiveOperation<EventData>(socket.client, EVENTS, { since: since - (i % 3) });
        }),
      );
    };
    const latest = async (username: string) =>
      (await server.gql<{ latestEventSeq: number }>(`{ latestEventSeq }`, {}, await server.login(username))).data!
        .latestEventSeq;
    const found = await server.gql<{ enterprises: { edges: Array<{ node: { id: string; code: string } }> } }>(
      `{ enterprises(first: 200) { edges { node { id code } } } }`,
      {},
      await server.login('director'),
    );
    const enterpriseId = found.data!.enterprises.edges.find((e) => e.node.code === 'e001')!.node.id;
    const token = await server.login('e001');
    /** The statements of one filing and of everything it sets off (delivery, the alert watcher's pass). */
    const file = async (title: string) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = statements;
      const filed = await server.gql<{ fileHazard: { id: string } }>(
        FILE,
        { input: { enterpriseId, title, grade: 'THIRD', rectifiedOnSpot: true } },
        token,
      );
      expect(filed.errors).toBeUndefined();
      return { hazardId: filed.data!.fileHazard.id, statements: () => statements - before };
    };
    // The same filing with nobody listening: what the write itself costs.
    const alone = await file('无人订阅时的一次填报');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const quiet = alone.statements();

    const directors = await watch('director', await latest('director'));
    const chiefs = await watch('chief1', await latest('chief1'));
    const others = await watch('chief2', await latest('chief2'));
    const filed = await file('一个事件送达六十个连接');
    const hazardId = filed.hazardId;
    const sees = (live: LiveOperation<EventData>) =>
      live.waitFor((r) => r.some((e) => e.events.hazard?.id === hazardId), 'HAZARD_FILED on every socket', 30_000);
    const received = await Promise.all([...directors, ...chiefs].map(sees));
    for (const events of received) {
      const event = events.find((e) => e.events.hazard?.id === hazardId)!.events;
      expect(event).toMatchObject({ kind: 'HAZARD_FILED', enterprise: { code: 'e001' } });
      expect(event.hazard!.title).toBe('一个事件送达六十个连接');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    // chief2's department does not hold e001: its sockets hear nothing of it.
    for (const live of others) expect(live.received.some((e) => e.events.hazard?.id === hazardId)).toBe(false);
    // Two audiences (the director's scope, chief1's), an enterprise and a hazard lookup each: a
    // handful of statements beyond the filing's own. One execution per socket would take 2 × 20 × 2.
    expect(filed.statements() - quiet).toBeLessThan(PER_USER);
    for (const live of [...directors, ...chiefs, ...others]) live.stop();
  }, 120_000);
});
