import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../modules/common/clock.js';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { LiveOperation, openSocket, type SocketClient } from '../testing/ws-client.js';

const dialects = await testDialects();

const FIGURES = `asOf enterpriseCount loginRate filingRate onTimeRate openHazards overdueHazards openMajor openSecond openThird noLoginCount noFilingCount
  loginRateDetail { numerator denominator value } filingRateDetail { numerator denominator }
  byDepartment { department { number name } leader { username } chief { username } enterpriseCount loginRate overdueHazards openMajor openSecond openThird noLoginCount noFilingCount openHazards }`;
const QUERY = `{ wallboard { ${FIGURES} } }`;
const SUBSCRIPTION = `subscription { wallboard { ${FIGURES} } }`;
const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`;

type Board = Record<string, any>;

describe.each(dialects)('the wallboard, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  const sockets: SocketClient[] = [];

  const board = async (username: string): Promise<Board> => {
    const result = await server.gql<{ wallboard: Board }>(QUERY, {}, await server.login(username));
    expect(result.errors).toBeUndefined();
    return result.data!.wallboard;
  };
  const watch = async (username: string) => {
    const socket = openSocket(server.url, await server.login(username));
    sockets.push(socket);
    const operation = new LiveOperation<{ wallboard: Board }>(socket.client, SUBSCRIPTION);
    await operation.waitFor((r) => r.length >= 1, `${username}'s first wallboard`);
    return operation;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    await server.app.realtime.alerts.tick();
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await server?.close();
  });

  it('counts everything for the director, with the 一级抓一级 table adding up', async () => {
    const all = await board('director');
    expect(all).toMatchObject({ enterpriseCount: 100, noLoginCount: 2, noFilingCount: 5, overdueHazards: 4 });
    expect(all.loginRateDetail).toEqual({ numerator: 98, denominator: 100, value: 0.98 });
    expect(all.filingRateDetail).toEqual({ numerator: 95, denominator: 100 });
    expect(all.openHazards).toBe(all.openMajor + all.openSecond + all.openThird);
    expect(all.byDepartment.map((d: Board) => d.department.number)).toEqual([1, 2, 3, 4, 5]);
    expect(all.byDepartment.map((d: Board) => d.leader.username)).toEqual([
      'leader1',
      'leader2',
      'leader3',
      'leader4',
      'leader5',
    ]);
    for (const key of [
      'enterpriseCount',
      'overdueHazards',
      'openMajor',
      'openHazards',
      'noLoginCount',
      'noFilingCount',
    ]) {
      expect(
        all.byDepartment.reduce((n: number, d: Board) => n + d[key], 0),
        key,
      ).toBe(all[key]);
    }
    const alerts = await server.gql(`{ alerts { kind } }`, {}, await server.login('director'));
    const count = (kind: string) => alerts.data!.alerts.filter((a: { kind: string }) => a.kind === kind).length;
    expect([count('NO_LOGIN'), count('NO_FILING'), count('OVERDUE')]).toEqual([
      all.noLoginCount,
      all.noFilingCount,
      all.overdueHazards,
    ]);
  });

  it('counts only the viewer’s scope (R6)', async () => {
    const chief = await board('chief1');
    expect(chief).toMatchObject({ enterpriseCount: 20, noLoginCount: 1, noFilingCount: 2, overdueHazards: 1 });
    expect(chief.byDepartment.map((d: Board) => d.department.number)).toEqual([1]);
    const leader2 = await board('leader2');
    expect(leader2).toMatchObject({ enterpriseCount: 20, noLoginCount: 1, overdueHazards: 1 });
    const own = await board('e003');
    expect(own).toMatchObject({ enterpriseCount: 1, overdueHazards: 1, noLoginCount: 0 });
  });

  it('pushes a new wallboard after a change, coalescing a burst, computed once per scope for all its viewers', async () => {
    const chief = await watch('chief1');
    const inspector = await watch('inspector1');
    const leader = await watch('leader1');
    const director = await watch('director');
    const openBefore = chief.received.at(-1)!.wallboard.openHazards;
    const directorOpenBefore = director.received.at(-1)!.wallboard.openHazards;
    const counts = { chief: chief.received.length, director: director.received.length };
    const hub = server.app.realtime.wallboards;
    const computedBefore = hub.computations();

    const deadline = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString();
    const token = await server.login('chief1');
    const e001 = (await server.gql(`{ enterprises(filter: { search: "e001" }) { edges { node { id } } } }`, {}, token))
      .data!.enterprises.edges[0].node.id;
    for (let i = 0; i < 8; i++) {
      const result = await server.gql(
        FILE,
        {
          input: {
            enterpriseId: e001,
            title: `burst #${i}`,
            grade: 'SECOND',
            deadline,
            measures: 'fix',
            responsiblePerson: 'Li',
          },
        },
        token,
      );
      expect(result.errors).toBeUndefined();
    }
    for (const [name, operation] of [
      ['chief', chief],
      ['inspector', inspector],
      ['leader', leader],
    ] as const) {
      await operation.waitFor(
        (r) => r.at(-1)!.wallboard.openHazards === openBefore + 8,
        `${name} sees the eight new hazards`,
      );
    }
    await director.waitFor(
      (r) => r.at(-1)!.wallboard.openHazards === directorOpenBefore + 8,
      'the director sees them too',
    );

    const pushes = chief.received.length - counts.chief;
    expect(pushes).toBeGreaterThanOrEqual(1);
    expect(pushes).toBeLessThan(8);
    const computedAfter = hub.computations();
    const department1 = Object.keys(computedAfter).find((key) => key.startsWith('departments:'))!;
    // chief1, inspector1 and leader1 share one scope: one computation per push, not three (one more may be on its way).
    const computed = computedAfter[department1]! - (computedBefore[department1] ?? 0);
    expect(computed).toBeGreaterThanOrEqual(pushes);
    expect(computed).toBeLessThanOrEqual(pushes + 1);
    expect(Object.keys(computedAfter).sort()).toEqual(['all', department1]);
    // Identical figures for all three viewers of the scope.
    expect(inspector.received.at(-1)).toEqual(chief.received.at(-1));
    expect(leader.received.at(-1)).toEqual(chief.received.at(-1));
  });

  it('leaves other scopes alone: a filing in department 2 pushes nothing to department 1', async () => {
    const [e021, e002] = [await server.login('e021'), await server.login('e002')];
    const chief = await watch('chief1');
    const chief2 = await watch('chief2');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const before = chief.received.length;
    await server.gql(FILE, { input: { title: 'department 2 only', grade: 'THIRD', rectifiedOnSpot: true } }, e021);
    await chief2.waitFor((r) => r.length >= 2, 'chief2 gets an update');
    // A marker in department 1 arrives after anything department 1 would have been sent for the filing above.
    await server.gql(FILE, { input: { title: 'department 1 marker', grade: 'THIRD', rectifiedOnSpot: true } }, e002);
    await chief.waitFor((r) => r.length >= before + 1, 'chief1 gets the marker update');
    expect(chief.received.length).toBe(before + 1);
  });
});
