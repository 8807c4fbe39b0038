import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../../testing/test-server.js';
import { ManualClock } from '../common/clock.js';
import { LoginThrottle } from './login-throttle.entity.js';

const dialects = await testDialects();
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;

/** POSTs a sign-in from a chosen loopback address (127.0.0.2 is another client to the server). */
function loginFrom(url: string, address: string, username: string, password: string): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query: LOGIN, variables: { u: username, p: password } });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: 'POST', localAddress: address, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as GraphQLResponse));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codes = (results: GraphQLResponse[]) => results.map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'OK'));
const tally = (list: string[]) =>
  Object.fromEntries([...new Set(list)].map((c) => [c, list.filter((x) => x === c).length]));

describe.each(dialects)('sign-in throttling under attack, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server?.close());

  it('checks no guess of 25 concurrent ones after three failures, the right password among them, and never fails', async () => {
    for (let i = 0; i < 3; i++) await loginFrom(server.url, '127.0.0.1', 'leader4', 'bad');
    const burst = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        loginFrom(server.url, '127.0.0.1', 'leader4', i === 12 ? 'hazardloop' : `guess${i}`),
      ),
    );
    expect(tally(codes(burst))).toEqual({ RATE_LIMITED: 25 });
  });

  it('checks at most three of 30 parallel guesses on a fresh account, with no internal error', async () => {
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginFrom(server.url, '127.0.0.1', 'inspector2', `guess${i}`)),
    );
    const counted = tally(codes(burst));
    expect(counted.INTERNAL_SERVER_ERROR).toBeUndefined();
    expect(counted.UNAUTHENTICATED).toBeLessThanOrEqual(3);
    expect((counted.UNAUTHENTICATED ?? 0) + (counted.RATE_LIMITED ?? 0)).toBe(30);
  });

  it('keeps the real user signing in from another address while one address fails again and again', async () => {
    // An hour of an attacker's steady failures against chief1 from 127.0.0.1, each as soon as allowed.
    for (let i = 0; i < 12; i++) {
      const result = await loginFrom(server.url, '127.0.0.1', 'chief1', 'bad');
      const wait = result.errors![0]!.extensions!.retryAfterSeconds as number | undefined;
      clock.advance((wait ?? 1) * 1000 + 10);
    }
    const attacker = await loginFrom(server.url, '127.0.0.1', 'chief1', 'hazardloop');
    expect(['RATE_LIMITED', 'UNAUTHENTICATED', 'OK']).toContain(codes([attacker])[0]);
    const blocked = await loginFrom(server.url, '127.0.0.1', 'chief1', 'bad');
    expect(blocked.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    const real = await loginFrom(server.url, '127.0.0.2', 'chief1', 'hazardloop');
    expect(real.errors).toBeUndefined();
    expect(real.data!.login.token).toEqual(expect.any(String));
  });

  it('refuses a username over 100 characters before storing anything', async () => {
    const before = await server.app.orm.em.fork().count(LoginThrottle);
    for (const name of ['x'.repeat(101), 'y'.repeat(500_000)]) {
      const result = await server.gql(LOGIN, { u: name, p: 'bad' });
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    }
    expect(await server.app.orm.em.fork().count(LoginThrottle)).toBe(before);
  });

  it('forgets failures a day later: the rows expire', async () => {
    await server.gql(LOGIN, { u: 'nobody-at-all', p: 'bad' });
    const mine = { subject: { $like: '%nobody-at-all%' } };
    expect(await server.app.orm.em.fork().count(LoginThrottle, mine)).toBe(2);
    clock.advance(25 * 3_600_000);
    await server.gql(LOGIN, { u: 'someone-else', p: 'bad' });
    expect(await server.app.orm.em.fork().count(LoginThrottle, mine)).toBe(0);
  });
});
