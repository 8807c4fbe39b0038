import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seeders/organisation.js';
import { THROTTLES } from '../../server/src/modules/auth/login-throttle.js';
import { testDialects } from '../../server/src/testing/services.js';
import { socketSend } from '../../server/src/testing/raw-socket.js';
import { codeOf, postRaw, socketCode, startHostileServer, type Answer, type HostileServer } from './harness.js';

const dialects = await testDialects();
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const ATTACKER = '127.0.0.2';
const REAL_USER = '127.0.0.1';

const tally = (answers: Answer[]) => {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const code = answer.status >= 500 ? `HTTP ${answer.status}` : codeOf(answer.body);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
};

/**
 * Guesses the pair ladder lets through (1 s, 2 s, 4 s … after the free ones) within `elapsedMs`
 * of the last free failure: the real clock runs during a burst, so a slow machine may earn one.
 */
function earnedWithin(elapsedMs: number): number {
  let earned = 0;
  for (let delay = 1000, at = 1000; at <= elapsedMs; delay *= 2, at += delay) earned++;
  return earned;
}

describe.each(dialects)('sign-in bursts against a server process on %s', (dialect) => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer(dialect);
  });
  afterAll(() => server?.stop());

  const login = (username: string, password: string, from: string, headers: Record<string, string> = {}) =>
    postRaw(server.url, JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }), headers, null, from);

  it('checks no more guesses than allowed of 25 concurrent ones after the free failures, the right password among them', async () => {
    for (let i = 0; i < THROTTLES.pair.free; i++)
      expect(codeOf((await login('leader4', `wrong${i}`, ATTACKER)).body)).toBe('UNAUTHENTICATED');
    const started = Date.now();
    const burst = await Promise.all(
      Array.from({ length: 25 }, (_, i) => login('leader4', i === 12 ? DEMO_PASSWORD : `guess${i}`, ATTACKER)),
    );
    const counted = tally(burst);
    const checked = 25 - (counted.RATE_LIMITED ?? 0);
    expect(
      Object.keys(counted).every((c) => ['RATE_LIMITED', 'UNAUTHENTICATED', 'OK'].includes(c)),
      JSON.stringify(counted),
    ).toBe(true);
    expect(checked).toBeLessThanOrEqual(earnedWithin(Date.now() - started));
  });

  it('checks at most the free guesses of a 30-parallel burst on a fresh account, with no internal error', async () => {
    const started = Date.now();
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => login('inspector3', `guess${i}`, ATTACKER)));
    const counted = tally(burst);
    expect(
      Object.keys(counted).every((c) => ['RATE_LIMITED', 'UNAUTHENTICATED'].includes(c)),
      JSON.stringify(counted),
    ).toBe(true);
    expect(counted.UNAUTHENTICATED ?? 0).toBeLessThanOrEqual(THROTTLES.pair.free + earnedWithin(Date.now() - started));
  });

  it('lets the real user sign in at another address while one address is locked out, however it forges X-Forwarded-For', async () => {
    // The attacker fails from 127.0.0.2 and claims a new client address each time.
    const attempts: Answer[] = [];
    for (let i = 0; i < 12; i++)
      attempts.push(await login('chief1', 'bad', ATTACKER, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    expect(tally(attempts)).toEqual({ UNAUTHENTICATED: THROTTLES.pair.free, RATE_LIMITED: 12 - THROTTLES.pair.free });
    // Without TRUST_PROXY the header counts for nothing: the socket's address is the client.
    const forged = await login('chief1', DEMO_PASSWORD, ATTACKER, { 'x-forwarded-for': '198.51.100.1' });
    expect(codeOf(forged.body)).toBe('RATE_LIMITED');
    const real = await login('chief1', DEMO_PASSWORD, REAL_USER);
    expect(codeOf(real.body), real.text).toBe('OK');
    expect(server.process.log()).not.toMatch(/INTERNAL_SERVER_ERROR|"statusCode":500/);
  });
});

describe('sign-in throttling behind a reverse proxy (TRUST_PROXY=loopback), on sqlite', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer('sqlite', { TRUST_PROXY: 'loopback' });
  });
  afterAll(() => server?.stop());

  const viaProxy = (client: string, password: string) =>
    postRaw(
      server.url,
      JSON.stringify({ query: LOGIN, variables: { u: 'chief2', p: password } }),
      { 'x-forwarded-for': client },
      null,
      REAL_USER,
    );

  it('counts failures per client the proxy names, so one client locked out leaves another signing in', async () => {
    const attempts: Answer[] = [];
    for (let i = 0; i < 8; i++) attempts.push(await viaProxy('198.51.100.7', 'bad'));
    expect(tally(attempts)).toEqual({ UNAUTHENTICATED: THROTTLES.pair.free, RATE_LIMITED: 8 - THROTTLES.pair.free });
    expect(codeOf((await viaProxy('198.51.100.7', DEMO_PASSWORD)).body)).toBe('RATE_LIMITED');
    const real = await viaProxy('203.0.113.9', DEMO_PASSWORD);
    expect(codeOf(real.body), real.text).toBe('OK');
  });

  it('reads the client the proxy names over the socket too: a sign-in there is refused for the locked-out client only', async () => {
    for (let i = 0; i <= THROTTLES.pair.free; i++) await viaProxy('198.51.100.8', 'bad');
    const token = await server.process.login('analyst');
    const overSocket = (client: string) =>
      socketSend(
        server.url,
        token,
        { id: '1', type: 'subscribe', payload: { query: LOGIN, variables: { u: 'chief2', p: DEMO_PASSWORD } } },
        { 'x-forwarded-for': client },
      );
    expect(socketCode(await overSocket('198.51.100.8'))).toBe('RATE_LIMITED');
    expect(socketCode(await overSocket('203.0.113.10'))).toBe('OK');
  });
});
