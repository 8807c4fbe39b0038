import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../modules/common/clock.js';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../testing/ws-client.js';

const dialects = await testDialects();

const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`;
const LATEST = `{ latestEventSeq }`;

describe.each(dialects)('live events over graphql-ws, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  const ids: Record<string, string> = {};
  const sockets: SocketClient[] = [];

  const socket = async (username: string): Promise<SocketClient> => {
    const opened = openSocket(server.url, await server.login(username));
    sockets.push(opened);
    await opened.connected;
    return opened;
  };
  const latest = async (username: string): Promise<number> =>
    (await server.gql<{ latestEventSeq: number }>(LATEST, {}, await server.login(username))).data!.latestEventSeq;
  const fileFor = async (code: string, title: string, by = 'director') => {
    const result = await server.gql<{ fileHazard: { id: string } }>(
      FILE,
      { input: { enterpriseId: ids[code], title, grade: 'THIRD', rectifiedOnSpot: true } },
      await server.login(by),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.fileHazard.id;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    await server.app.realtime.alerts.tick();
    const director = await server.login('director');
    const found = await server.gql(`{ enterprises(first: 200) { edges { node { id code } } } }`, {}, director);
    for (const { node } of found.data!.enterprises.edges) ids[node.code] = node.id;
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await server?.close();
  });

  it('refuses a socket without a token (4401) and one with a made-up token (4403)', async () => {
    const anonymous = openSocket(server.url, null);
    const forged = openSocket(server.url, 'made-up-token');
    expect(await anonymous.closed).toBe(4401);
    expect(await forged.closed).toBe(4403);
  });

  it('tells chief1 of e001’s filing and nothing of e021’s', async () => {
    const since = await latest('chief1');
    const chief = new LiveOperation<EventData>((await socket('chief1')).client, EVENTS, { since });
    await fileFor('e021', 'e021 filing chief1 must not see', 'e021');
    const hazardId = await fileFor('e001', 'e001 filing chief1 must see', 'e001');
    const [event] = (
      await chief.waitFor((r) => r.some((e) => e.events.hazard?.id === hazardId), 'HAZARD_FILED for e001')
    ).filter((e) => e.events.hazard?.id === hazardId);
    expect(event!.events).toMatchObject({
      kind: 'HAZARD_FILED',
      enterprise: { code: 'e001' },
      hazard: { title: 'e001 filing chief1 must see' },
    });
    expect(chief.received.every((e) => e.events.enterprise?.code !== 'e021')).toBe(true);
    chief.stop();
  });

  it('delivers each event to every subscriber whose scope holds it and to nobody else', async () => {
    const who = [
      'director',
      'analyst',
      'admin',
      'leader1',
      'leader2',
      'chief1',
      'chief2',
      'chief3',
      'inspector1',
      'inspector2',
      'e001',
      'e021',
      'e041',
    ];
    const department = (code: string) => Math.ceil(Number(code.slice(1)) / 20);
    const sees = (user: string, code: string): boolean => {
      if (['director', 'analyst', 'admin'].includes(user)) return true;
      if (/^e\d+$/.test(user)) return user === code;
      return Number(user.replace(/\D/g, '')) === department(code);
    };
    const since = await latest('director');
    const operations = new Map<string, LiveOperation<EventData>>();
    for (const user of who)
      operations.set(user, new LiveOperation<EventData>((await socket(user)).client, EVENTS, { since }));

    const filed: Array<{ code: string; hazardId: string }> = [];
    for (const code of ['e001', 'e021', 'e041', 'e002', 'e022', 'e061', 'e041']) {
      filed.push({ code, hazardId: await fileFor(code, `fan-out check for ${code}`) });
    }
    const filedIds = new Set(filed.map((f) => f.hazardId));
    for (const [user, operation] of operations) {
      const expected = filed.filter((f) => sees(user, f.code)).map((f) => f.hazardId);
      await operation.waitFor(
        (r) => expected.every((id) => r.some((e) => e.events.hazard?.id === id)),
        `${user} receives every filing in scope`,
      );
    }
    // A last filing everybody sees proves that nothing else was still on its way.
    const last = await fileFor('e001', 'closing marker');
    for (const [user, operation] of operations) {
      if (sees(user, 'e001'))
        await operation.waitFor((r) => r.some((e) => e.events.hazard?.id === last), `${user} receives the marker`);
    }
    let outOfScope = 0;
    let misses = 0;
    for (const [user, operation] of operations) {
      const got = operation.received.map((e) => e.events);
      outOfScope += got.filter((e) => e.enterprise && !sees(user, e.enterprise.code)).length;
      outOfScope += got.filter((e) => e.enterprise === null && e.hazard !== null).length;
      misses += filed.filter((f) => sees(user, f.code) && !got.some((e) => e.hazard?.id === f.hazardId)).length;
      const seqs = got.map((e) => e.seq);
      expect(new Set(seqs).size, `${user} got no duplicate`).toBe(seqs.length);
      expect(
        [...seqs].sort((a, b) => a - b),
        `${user} got them in order`,
      ).toEqual(seqs);
      expect(got.filter((e) => e.hazard && filedIds.has(e.hazard.id)).every((e) => e.kind === 'HAZARD_FILED')).toBe(
        true,
      );
      operation.stop();
    }
    expect({ outOfScope, misses }).toEqual({ outOfScope: 0, misses: 0 });
  });

  it('replays what was missed with events(since), then goes live, without gap or duplicate', async () => {
    const since = await latest('director');
    for (let i = 0; i < 5; i++) await fileFor(i % 2 ? 'e002' : 'e030', `missed while away #${i}`);
    const operation = new LiveOperation<EventData>((await socket('director')).client, EVENTS, { since });
    // More filings race with the replay: some land in it, the rest arrive live.
    for (let i = 0; i < 5; i++) await fileFor('e050', `filed during the replay #${i}`);
    const received = await operation.waitFor(
      (r) => r.filter((e) => e.events.kind === 'HAZARD_FILED').length >= 10,
      'ten filings',
    );
    const seqs = received.map((e) => e.events.seq);
    expect(seqs[0]).toBe(since + 1);
    expect(seqs).toEqual(seqs.map((_, i) => since + 1 + i));
    expect(received.map((e) => e.events.hazard?.title).filter(Boolean)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `missed while away #${i}`),
      ...[0, 1, 2, 3, 4].map((i) => `filed during the replay #${i}`),
    ]);
    operation.stop();
  });

  it('replays only the events in the subscriber’s scope', async () => {
    const since = await latest('director');
    await fileFor('e021', 'not for chief1');
    const mine = await fileFor('e003', 'for chief1');
    const operation = new LiveOperation<EventData>((await socket('chief1')).client, EVENTS, { since });
    await operation.waitFor((r) => r.some((e) => e.events.hazard?.id === mine), 'the in-scope filing');
    expect(operation.received.map((e) => e.events.enterprise?.code)).toEqual(['e003']);
    operation.stop();
  });

  it('applies the HTTP validation rules and limits to operations over the socket', async () => {
    const opened = await socket('analyst');
    const level = (inner: string) => `hazards { edges { node { enterprise { ${inner} } } } }`;
    const deep = `{ ${level(level(level(level('id'))))} }`;
    const viaSocket = new LiveOperation(opened.client, deep);
    const [error] = (await viaSocket.waitForError('depth limit')) as Array<{
      message: string;
      extensions?: { code?: string };
    }>;
    expect(error!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const viaHttp = await server.gql(deep, {}, await server.login('analyst'));
    expect(viaHttp.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(viaHttp.errors![0]!.message).toBe(error!.message);

    const unknown = new LiveOperation(opened.client, `subscription { events { nope } }`);
    const [unknownError] = (await unknown.waitForError('unknown field')) as Array<{ extensions?: { code?: string } }>;
    expect(unknownError!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const negative = new LiveOperation(opened.client, EVENTS, { since: -1 });
    const [badSince] = (await negative.waitForError('negative since')) as Array<{
      extensions?: { code?: string; field?: string };
    }>;
    expect(badSince!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
  });
  it('closes the socket when its token is revoked, and when it expires', async () => {
    const token = (await server.gql(`mutation { login(username: "inspector3", password: "hazardloop") { token } }`))
      .data!.login.token;
    const revoked = openSocket(server.url, token);
    sockets.push(revoked);
    await revoked.connected;
    await server.gql(`mutation { logout }`, {}, token);
    expect(await revoked.closed).toBe(4403);

    const expiring = openSocket(
      server.url,
      (await server.gql(`mutation { login(username: "inspector4", password: "hazardloop") { token } }`)).data!.login
        .token,
    );
    sockets.push(expiring);
    await expiring.connected;
    clock.advance(13 * 3_600_000);
    await server.app.realtime.ws.checkSessions();
    expect(await expiring.closed).toBe(4403);
  });
});
