import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/databases.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { LiveOperation, openSocket } from '../../testing/ws-client.js';

const dialects = await testDialects();

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username mustChangePassword } } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id username role mustChangePassword active } initialPassword } }`;
const INITIAL = 'first-start-Pa55word';
const STRONG = 'Lantern-river-7-okra';

describe.each(dialects)('a bureau’s first start and its accounts, on %s', (dialect) => {
  let server: TestServer;
  const login = async (u: string, p: string) => server.gql(LOGIN, { u, p });

  beforeAll(async () => {
    server = await startTestServer({ dialect, seed: 'none', env: { INITIAL_ADMIN_PASSWORD: INITIAL } });
  });
  afterAll(() => server?.close());

  it('creates admin from INITIAL_ADMIN_PASSWORD, refusing everything but me, changePassword and logout until it changes', async () => {
    const signedIn = await login('admin', INITIAL);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.login.user).toEqual({ username: 'admin', mustChangePassword: true });
    const token = signedIn.data!.login.token;

    const refused = await server.gql('{ enterprises { totalCount } }', {}, token);
    expect(refused.errors![0]!.extensions!.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(refused.data ?? null).toBeNull();
    const township = await server.gql('mutation { createTownship(name: "码头镇") { id } }', {}, token);
    expect(township.errors![0]!.extensions!.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await server.gql('{ me { username mustChangePassword } }', {}, token)).data!.me).toEqual({
      username: 'admin',
      mustChangePassword: true,
    });

    // Over the socket too: a subscription is refused with the same code.
    const socket = openSocket(server.url, token);
    await socket.connected;
    const live = new LiveOperation(socket.client, 'subscription { wallboard { enterpriseCount } }');
    await live.waitFor(() => live.errors.length > 0, 'the refusal over the socket');
    expect((live.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    live.stop();

    const weak = await server.gql(CHANGE, { c: INITIAL, n: 'password123' }, token);
    expect(weak.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const changed = await server.gql(CHANGE, { c: INITIAL, n: STRONG }, token);
    expect(changed.errors).toBeUndefined();
    expect((await server.gql('{ enterprises { totalCount } }', {}, token)).data!.enterprises.totalCount).toBe(0);
    // The same socket may now subscribe.
    const after = new LiveOperation(socket.client, 'subscription { wallboard { enterpriseCount } }');
    await after.waitFor((r) => r.length >= 1, 'the wallboard after the change');
    expect(after.received[0]).toEqual({ wallboard: { enterpriseCount: 0 } });
    after.stop();
    await socket.dispose();
    expect((await login('admin', INITIAL)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a short password, the username, a common password and the demo password', async () => {
    const admin = (await login('admin', STRONG)).data!.login.token;
    const created = await server.gql(
      CREATE,
      { input: { username: 'wangwei', displayName: '王伟', role: 'DIRECTOR' } },
      admin,
    );
    const otp = created.data!.createUser.initialPassword as string;
    const token = (await login('wangwei', otp)).data!.login.token;
    for (const bad of ['short1!', 'wangwei2026!', 'iloveyou123', 'qwertyuiop1', 'hazardloop12']) {
      const result = await server.gql(CHANGE, { c: otp, n: bad }, token);
      expect(result.errors![0]!.extensions, bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    }
    const wrong = await server.gql(CHANGE, { c: 'not-the-password', n: STRONG }, token);
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    expect((await server.gql(CHANGE, { c: otp, n: STRONG }, token)).errors).toBeUndefined();
  });

  it('gives a new account a one-time password, shown once, stored hashed, and changing it ends the other sessions and their sockets', async () => {
    const admin = (await login('admin', STRONG)).data!.login.token;
    const created = await server.gql(
      CREATE,
      { input: { username: 'lina', displayName: '李娜', role: 'ANALYST' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const { user, initialPassword } = created.data!.createUser;
    expect(user).toMatchObject({ username: 'lina', role: 'ANALYST', mustChangePassword: true, active: true });
    expect(initialPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const stored = await server.app.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ password_hash: string }>>(`select password_hash from app_user where username = 'lina'`);
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored[0]!.password_hash).not.toContain(initialPassword);

    const first = (await login('lina', initialPassword)).data!.login.token;
    const second = (await login('lina', initialPassword)).data!.login.token;
    const socket = openSocket(server.url, second);
    await socket.connected;
    expect((await server.gql(CHANGE, { c: initialPassword, n: STRONG }, first)).errors).toBeUndefined();
    expect(await socket.closed).toBe(4403);
    expect((await server.gql('{ me { username } }', {}, second)).data!.me).toBeNull();
    expect((await server.gql('{ me { username } }', {}, first)).data!.me).toEqual({ username: 'lina' });
  });

  it('ends a disabled user’s sessions at once and refuses their sign-in exactly like an unknown name', async () => {
    const admin = (await login('admin', STRONG)).data!.login.token;
    const created = await server.gql(
      CREATE,
      { input: { username: 'zhaolei', displayName: '赵磊', role: 'ANALYST' } },
      admin,
    );
    const otp = created.data!.createUser.initialPassword;
    const token = (await login('zhaolei', otp)).data!.login.token;
    const socket = openSocket(server.url, token);
    await socket.connected;
    const disabled = await server.gql(
      `mutation($id: ID!) { setUserActive(userId: $id, active: false, reason: "调离") { active } }`,
      { id: created.data!.createUser.user.id },
      admin,
    );
    expect(disabled.data!.setUserActive.active).toBe(false);
    expect(await socket.closed).toBe(4403);
    expect((await server.gql('{ me { username } }', {}, token)).data!.me).toBeNull();
    const refused = await login('zhaolei', otp);
    const unknown = await login('nobody-here', otp);
    expect(refused.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toBe(unknown.errors![0]!.message);

    const reset = await server.gql(
      `mutation($id: ID!) { resetPassword(userId: $id) { initialPassword user { mustChangePassword } } }`,
      { id: created.data!.createUser.user.id },
      admin,
    );
    expect(reset.data!.resetPassword.user.mustChangePassword).toBe(true);
    // Still disabled: a reset does not enable the account.
    expect((await login('zhaolei', reset.data!.resetPassword.initialPassword)).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('starting without INITIAL_ADMIN_PASSWORD', () => {
  it('stops with a sentence naming it when the database has no user and SEED=none', async () => {
    await expect(startTestServer({ dialect: 'sqlite', seed: 'none' })).rejects.toThrow(/INITIAL_ADMIN_PASSWORD/);
  });

  it('refuses to listen beyond loopback while the demo accounts are there, unless DEMO_ON_NETWORK=1', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      await expect(startTestServer({ dialect: 'sqlite', database, env: { HOST: '0.0.0.0' } })).rejects.toThrow(
        /DEMO_ON_NETWORK/,
      );
      const server = await startTestServer({
        dialect: 'sqlite',
        database,
        env: { HOST: '0.0.0.0', DEMO_ON_NETWORK: '1' },
      });
      expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
      await server.close();
    } finally {
      await database.drop();
    }
  });
});
