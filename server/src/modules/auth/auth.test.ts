import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { ManualClock } from '../common/clock.js';
import { User } from './user.entity.js';

const dialects = await testDialects();
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username role } } }`;

describe.each(dialects)('signing in and out, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server?.close());

  it('signs in the director with the demo password', async () => {
    const result = await server.gql(LOGIN, { u: 'director', p: 'hazardloop' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.login.user).toEqual({ username: 'director', role: 'DIRECTOR' });
    expect(new Date(result.data!.login.expiresAt).getTime()).toBe(clock.now().getTime() + 12 * 3_600_000);
    const me = await server.gql('{ me { username } }', {}, result.data!.login.token);
    expect(me.data!.me.username).toBe('director');
  });

  it('stores passwords as argon2id with at least 19 MiB, two passes, one lane', async () => {
    const user = await server.app.orm.em
      .fork()
      .findOneOrFail(User, { username: 'chief1' }, { populate: ['passwordHash'] });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a wrong password and an unknown user with the same UNAUTHENTICATED sentence', async () => {
    const wrong = await server.gql(LOGIN, { u: 'chief2', p: 'nope' });
    const unknown = await server.gql(LOGIN, { u: 'nobody', p: 'nope' });
    expect(wrong.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
  });

  it('answers UNAUTHENTICATED without a token, and with a made-up one', async () => {
    for (const token of [null, 'made-up-token']) {
      const result = await server.gql('{ enterprises { totalCount } }', {}, token);
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeNull();
    }
  });

  it('makes each further attempt wait after three failures, for known and unknown names alike', async () => {
    for (const name of ['inspector3', 'ghost']) {
      for (let i = 0; i < 3; i++)
        expect((await server.gql(LOGIN, { u: name, p: 'bad' })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const blocked = await server.gql(LOGIN, { u: name, p: name === 'ghost' ? 'bad' : 'hazardloop' });
      expect(blocked.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
      expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBe(1);
    }
    clock.advance(1_500);
    const after = await server.gql(LOGIN, { u: 'inspector3', p: 'hazardloop' });
    expect(after.errors).toBeUndefined();
    // A success clears the count: the next failure is the first again, not the fourth.
    expect((await server.gql(LOGIN, { u: 'inspector3', p: 'bad' })).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await server.gql(LOGIN, { u: 'inspector3', p: 'hazardloop' })).errors).toBeUndefined();
  });

  it('doubles the wait with each further failure', async () => {
    for (let i = 0; i < 3; i++) await server.gql(LOGIN, { u: 'inspector4', p: 'bad' });
    clock.advance(1_100);
    await server.gql(LOGIN, { u: 'inspector4', p: 'bad' });
    const blocked = await server.gql(LOGIN, { u: 'inspector4', p: 'hazardloop' });
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBe(2);
  });

  it('records an enterprise account’s sign-in as its enterprise’s login', async () => {
    const before = await server.gql(
      `{ enterprises(filter: { search: "e005" }) { edges { node { code lastLoginAt } } } }`,
      {},
      await server.login('chief1'),
    );
    clock.advance(60_000);
    const token = (await server.gql(LOGIN, { u: 'e005', p: 'hazardloop' })).data!.login.token;
    const after = await server.gql(`{ enterprises { edges { node { code lastLoginAt } } } }`, {}, token);
    expect(after.data!.enterprises.edges).toEqual([{ node: { code: 'e005', lastLoginAt: clock.now().toISOString() } }]);
    expect(before.data!.enterprises.edges[0].node.lastLoginAt).not.toBe(clock.now().toISOString());
  });

  it('revokes the token on logout', async () => {
    const token = (await server.gql(LOGIN, { u: 'leader3', p: 'hazardloop' })).data!.login.token;
    expect((await server.gql('mutation { logout }', {}, token)).data!.logout).toBe(true);
    const after = await server.gql('{ enterprises { totalCount } }', {}, token);
    expect(after.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('expires a token after SESSION_TTL', async () => {
    const token = (await server.gql(LOGIN, { u: 'leader4', p: 'hazardloop' })).data!.login.token;
    clock.advance(12 * 3_600_000 + 1);
    const after = await server.gql('{ me { username } }', {}, token);
    expect(after.data!.me).toBeNull();
  });
});
