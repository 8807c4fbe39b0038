import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { LiveOperation, openSocket, type SocketClient } from '../../testing/ws-client.js';

const dialects = await testDialects();

const CREATE = `mutation($label: String!, $d: [ID!]) { createKioskLink(label: $label, departmentIds: $d) { token path link { id label revokedAt departments { number } } } }`;
const REVOKE = `mutation($id: ID!) { revokeKioskLink(id: $id) { id revokedAt } }`;
const BOARD = `{ wallboard { enterpriseCount bureauWide byDepartment { department { number } } } }`;

describe.each(dialects)('a kiosk link for a wallboard on a TV, on %s', (dialect) => {
  let server: TestServer;
  const sockets: SocketClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await server?.close();
  });

  const create = async (user: string, label = '值班室电视', departmentIds?: string[]) =>
    server.gql(CREATE, { label, d: departmentIds }, await server.login(user));

  it('opens the section chief’s department wallboard without a sign-in, and nothing else', async () => {
    const created = await create('chief1');
    expect(created.errors).toBeUndefined();
    const { token, path, link } = created.data!.createKioskLink;
    expect(path).toBe(`/wallboard?kiosk=${token}`);
    expect(link.departments).toEqual([{ number: 1 }]);

    const board = await server.gql(BOARD, {}, token);
    expect(board.data!.wallboard).toMatchObject({
      enterpriseCount: 20,
      bureauWide: false,
      byDepartment: [{ department: { number: 1 } }],
    });
    expect((await server.gql(`{ alerts(kind: NO_LOGIN) { enterprise { code } } }`, {}, token)).data!.alerts).toEqual([
      { enterprise: { code: 'e007' } },
    ]);

    for (const refused of [
      `{ me { username } }`,
      `{ hazards(first: 1) { totalCount } }`,
      `mutation { logout }`,
      `{ kioskLinks { id } }`,
    ]) {
      const result = await server.gql(refused, {}, token);
      expect(result.errors?.[0]?.extensions?.code, refused).toBe('FORBIDDEN');
    }
    const upload = await fetch(`${server.url}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(upload.status, 'photos refuse a kiosk token').toBe(401);
  });

  it('is made only for the creator’s own scope, and not by enterprises or analysts', async () => {
    const departments = await server.gql(`{ departments { id number } }`, {}, await server.login('director'));
    const dept = (n: number) =>
      departments.data!.departments.find((d: { number: number }) => d.number === n).id as string;
    expect((await create('chief1', '越权', [dept(2)])).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await create('e001')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await create('analyst')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const director = await create('director', '大厅', [dept(3)]);
    const board = await server.gql(BOARD, {}, director.data!.createKioskLink.token);
    expect(board.data!.wallboard.byDepartment).toEqual([{ department: { number: 3 } }]);
    const all = await create('director', '局长室');
    expect((await server.gql(BOARD, {}, all.data!.createKioskLink.token)).data!.wallboard).toMatchObject({
      enterpriseCount: 100,
      bureauWide: true,
    });
  });

  it('streams the wallboard over the socket, refuses other operations there, and closes the socket when revoked', async () => {
    const created = await create('chief2', '二科电视');
    const { token, link } = created.data!.createKioskLink;
    const socket = openSocket(server.url, token);
    sockets.push(socket);
    const live = new LiveOperation<{ wallboard: { enterpriseCount: number } }>(
      socket.client,
      `subscription { wallboard { enterpriseCount } }`,
    );
    await live.waitFor((r) => r.length >= 1, 'the kiosk’s first wallboard');
    expect(live.received[0]!.wallboard.enterpriseCount).toBe(20);
    const latest = (await server.gql(`{ latestEventSeq }`, {}, token)).data!.latestEventSeq as number;
    // Replay reaches back REPLAY_HORIZON only: resume from the newest event, then an enterprise of the department signs in.
    const events = new LiveOperation(socket.client, `subscription($since: Int) { events(since: $since) { seq } }`, {
      since: latest,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.login('e021');
    await events.waitFor((r) => r.length >= 1, 'replayed events');

    const hazards = new LiveOperation(socket.client, `query { hazards(first: 1) { totalCount } }`);
    await expect(hazards.waitFor(() => false, 'a refused query', 5_000)).rejects.toThrow(/FORBIDDEN|kiosk/);

    // Only the creator (or the director, an admin) may revoke it.
    expect((await server.gql(REVOKE, { id: link.id }, await server.login('chief1'))).errors![0]!.extensions!.code).toBe(
      'NOT_FOUND',
    );
    const revoked = await server.gql(REVOKE, { id: link.id }, await server.login('chief2'));
    expect(revoked.data!.revokeKioskLink.revokedAt).toBeTruthy();
    expect(await socket.closed).toBe(4403);
    expect((await server.gql(BOARD, {}, token)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const listed = await server.gql(`{ kioskLinks { id revokedAt } }`, {}, await server.login('chief2'));
    expect(listed.data!.kioskLinks).toEqual([{ id: link.id, revokedAt: expect.any(String) }]);
  });
});
