import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../../testing/ws-client.js';
import { ManualClock } from '../common/clock.js';

const dialects = await testDialects();

const BOARD = `subscription { wallboard { enterpriseCount loginRateDetail { denominator } noLoginCount noFilingCount overdueHazards } }`;
type Board = {
  wallboard: {
    enterpriseCount: number;
    loginRateDetail: { denominator: number };
    noLoginCount: number;
    noFilingCount: number;
    overdueHazards: number;
  };
};

describe.each(dialects)('the registry over time, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  const sockets: SocketClient[] = [];
  const department: Record<number, string> = {};

  const find = async (code: string) => {
    const result = await server.gql(
      `query($s: String!) { enterprises(filter: { search: $s }) { edges { node { id code } } } }`,
      { s: code },
      await server.login('director'),
    );
    return result.data!.enterprises.edges.find((e: any) => e.node.code === code).node.id as string;
  };
  const total = async (user: string) =>
    (await server.gql('{ enterprises { totalCount } }', {}, await server.login(user))).data!.enterprises.totalCount;
  const watch = async <T>(user: string, query: string, variables: Record<string, unknown> = {}) => {
    const socket = openSocket(server.url, await server.login(user));
    sockets.push(socket);
    return new LiveOperation<T>(socket.client, query, variables);
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    await server.app.realtime.alerts.tick();
    const list = await server.gql('{ departments { id number } }', {}, await server.login('admin'));
    for (const d of list.data!.departments) department[d.number] = d.id;
  });
  afterAll(async () => {
    for (const s of sockets) await s.dispose();
    await server?.close();
  });

  it('moves an enterprise: both chiefs’ counts and open wallboards change without a reload, the new one sees its history', async () => {
    const id = await find('e003');
    const [before1, before2] = [await total('chief1'), await total('chief2')];
    const board1 = await watch<Board>('chief1', BOARD);
    const board2 = await watch<Board>('chief2', BOARD);
    await board1.waitFor((r) => r.length >= 1, 'chief1’s first wallboard');
    await board2.waitFor((r) => r.length >= 1, 'chief2’s first wallboard');
    const first1 = board1.received[0]!.wallboard.enterpriseCount;
    const first2 = board2.received[0]!.wallboard.enterpriseCount;

    const moved = await server.gql(
      `mutation($id: ID!, $d: ID!) { updateEnterprise(id: $id, input: { departmentId: $d }, reason: "监管职责调整") { department { number } } }`,
      { id, d: department[2] },
      await server.login('admin'),
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateEnterprise.department.number).toBe(2);
    expect([await total('chief1'), await total('chief2')]).toEqual([before1 - 1, before2 + 1]);
    await board1.waitFor((r) => r.at(-1)!.wallboard.enterpriseCount === first1 - 1, 'chief1’s wallboard drops e003');
    await board2.waitFor((r) => r.at(-1)!.wallboard.enterpriseCount === first2 + 1, 'chief2’s wallboard gains e003');

    const seen = `query($id: ID!) { enterprise(id: $id) { code hazards { totalCount } } }`;
    expect((await server.gql(seen, { id }, await server.login('chief1'))).data!.enterprise).toBeNull();
    const now = (await server.gql(seen, { id }, await server.login('chief2'))).data!.enterprise;
    expect(now.code).toBe('e003');
    expect(now.hazards.totalCount).toBeGreaterThan(0);
    const history = await server.gql(
      `{ auditLog(first: 5) { edges { node { action data } } } }`,
      {},
      await server.login('director'),
    );
    if (!history.errors) expect(JSON.stringify(history.data)).toContain('enterprise.moved');
  });

  it('retires an enterprise: its displays clear live, it leaves counts and rates, the director still reads its hazards, its account cannot sign in', async () => {
    const alerts = await server.gql(
      '{ alerts { enterprise { id code department { number } } } }',
      {},
      await server.login('director'),
    );
    const target = alerts.data!.alerts.find((a: any) => a.enterprise.department.number === 1)?.enterprise;
    expect(target, 'the demo data has displays in department 1').toBeDefined();
    const board = await watch<Board>('chief1', BOARD);
    await board.waitFor((r) => r.length >= 1, 'chief1’s wallboard');
    const before = board.received.at(-1)!.wallboard;
    // Resuming from the seq before the change, so that the subscription cannot miss it however late it starts.
    const since = (await server.gql('{ latestEventSeq }', {}, await server.login('chief1'))).data!.latestEventSeq;
    const events = await watch<EventData>('chief1', EVENTS, { since });

    const retired = await server.gql(
      `mutation($id: ID!) { setEnterpriseActive(id: $id, active: false, reason: "企业已关闭") { active retiredAt } }`,
      { id: target.id },
      await server.login('admin'),
    );
    expect(retired.errors).toBeUndefined();
    expect(retired.data!.setEnterpriseActive.active).toBe(false);
    await events.waitFor(
      (r) => r.some((e) => e.events.kind === 'ALERT_CLEARED' && e.events.enterprise?.code === target.code),
      'ALERT_CLEARED for the retired enterprise',
    );
    const after = await board.waitFor(
      (r) => r.at(-1)!.wallboard.enterpriseCount === before.enterpriseCount - 1,
      'the wallboard without it',
    );
    expect(after.at(-1)!.wallboard.loginRateDetail.denominator).toBe(before.loginRateDetail.denominator - 1);
    const current = await server.gql('{ alerts { enterprise { code } } }', {}, await server.login('chief1'));
    expect(current.data!.alerts.map((a: any) => a.enterprise.code)).not.toContain(target.code);
    const stats = await server.gql(
      `query($t: DateTime!) { stats(from: "2026-01-01T00:00:00Z", to: $t) { loginRate } }`,
      { t: clock.now().toISOString() },
      await server.login('chief1'),
    );
    expect(stats.errors).toBeUndefined();

    const read = await server.gql(
      `query($id: ID!) { enterprise(id: $id) { active hazards { totalCount } } }`,
      { id: target.id },
      await server.login('director'),
    );
    expect(read.data!.enterprise.active).toBe(false);
    expect(read.data!.enterprise.hazards.totalCount).toBeGreaterThan(0);
    const account = await server.gql(
      `mutation($u: String!) { login(username: $u, password: "hazardloop") { token } }`,
      {
        u: target.code,
      },
    );
    expect(account.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const listed = await server.gql(
      '{ enterprises(filter: { active: false }) { edges { node { code } } } }',
      {},
      await server.login('admin'),
    );
    expect(listed.data!.enterprises.edges.map((e: any) => e.node.code)).toContain(target.code);
  });

  it('registers enterprise number 101 and creates a township and a department with leader and chief', async () => {
    const admin = await server.login('admin');
    const town = await server.gql('mutation { createTownship(name: "高丰镇") { id name } }', {}, admin);
    const users = await server.gql(
      '{ users(filter: { role: DEPUTY_LEADER }, first: 1) { edges { node { id } } } }',
      {},
      admin,
    );
    const leader = users.data!.users.edges[0].node.id;
    const dept = await server.gql(
      `mutation($l: ID) { createDepartment(input: { name: "应急救援科", leaderId: $l }) { id number leader { id } chief { id } } }`,
      { l: leader },
      admin,
    );
    expect(dept.errors).toBeUndefined();
    expect(dept.data!.createDepartment).toMatchObject({ number: 6, leader: { id: leader }, chief: null });
    const chief = await server.gql(
      `mutation($d: ID!) { createUser(input: { username: "chief6", displayName: "新科长", role: SECTION_CHIEF, departmentId: $d }) { user { id } } }`,
      { d: dept.data!.createDepartment.id },
      admin,
    );
    const updated = await server.gql(
      `mutation($id: ID!, $l: ID, $c: ID) { updateDepartment(id: $id, input: { name: "应急救援科", leaderId: $l, chiefId: $c }) { chief { username } } }`,
      { id: dept.data!.createDepartment.id, l: leader, c: chief.data!.createUser.user.id },
      admin,
    );
    expect(updated.data!.updateDepartment.chief.username).toBe('chief6');
    const registered = await server.gql(
      `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { code active department { number } township { name } } }`,
      {
        input: {
          name: '瑞昌市新登记建材有限公司',
          creditCode: '91360481MA357T4L0F',
          industry: 'OTHER',
          townshipId: town.data!.createTownship.id,
          departmentId: dept.data!.createDepartment.id,
        },
      },
      admin,
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerEnterprise).toEqual({
      code: 'e101',
      active: true,
      department: { number: 6 },
      township: { name: '高丰镇' },
    });
    const bad = await server.gql(
      `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { code } }`,
      {
        input: {
          name: '校验码错误公司',
          creditCode: '91360481MA357T4L0A',
          industry: 'OTHER',
          townshipId: town.data!.createTownship.id,
          departmentId: dept.data!.createDepartment.id,
        },
      },
      admin,
    );
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });
});
