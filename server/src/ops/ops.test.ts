import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { fileWithPlan } from '../testing/hazard-helpers.js';
import { ServerProcess } from '../testing/server-process.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket } from '../testing/ws-client.js';

const metricsOf = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}/metrics`, { headers });
  return { status: response.status, text: await response.text() };
};
/** The value of one sample line, e.g. `hazardloop_open_sockets 1`. */
const sample = (text: string, name: string, labels = ''): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : Number.NaN;
};

describe('the request log of a production server', () => {
  let db: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    server = new ServerProcess('logged', { DATABASE_URL: db.url, REMINDERS: 'off' });
    await server.url;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('writes one JSON line per request with its id, operation, duration and user, and never a password or token', async () => {
    const url = await server.url;
    const guess = 'Wr0ng-Guess-7319';
    const wrong = await server.gql(
      'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      {
        u: 'chief1',
        p: guess,
      },
    );
    expect(wrong.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const token = await server.login('chief1');
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query WhoAmI { me { id username } }' }),
    });
    const me = ((await response.json()) as any).data.me;
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${url}/uploads/00000000-0000-4000-8000-000000000000?token=${token}`);

    await server.waitForLine(/\/uploads\/00000000/, 10_000);
    const entries = server.lines.map((l) => JSON.parse(l.text) as Record<string, any>);
    expect(entries.every((e) => typeof e.level === 'string' && typeof e.time === 'string')).toBe(true);
    const line = entries.find((e) => e.req?.id === requestId)!;
    expect(line).toMatchObject({
      level: 'info',
      operation: 'WhoAmI',
      userId: me.id,
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(typeof line.responseTime).toBe('number');
    expect(entries.find((e) => e.operation === 'SignIn')).toMatchObject({ userId: null });
    const download = entries.find((e) => e.req?.path?.startsWith('/uploads/'))!;
    expect(download.req.path).toBe('/uploads/00000000-0000-4000-8000-000000000000');
    // Neither the guessed password, nor the session token (header, variables, query string) reaches the log.
    expect(server.log()).not.toContain(guess);
    expect(server.log()).not.toContain(token);
  });
});

describe('the Prometheus endpoint', () => {
  let server: TestServer;
  let guarded: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    guarded = await startTestServer({ dialect: 'sqlite', env: { METRICS_TOKEN: 'metrics-reader-0123456789' } });
  });
  afterAll(async () => {
    await server?.close();
    await guarded?.close();
  });

  it('counts requests and operations by name and outcome, open sockets, delivery lag and the timer leader', async () => {
    const token = await server.login('chief1');
    await server.gql('query Ledger { auditChain { valid } }', {}, null);
    const socket = openSocket(server.url, token);
    await socket.connected;
    const live = new LiveOperation(socket.client, EVENTS, {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fileWithPlan(server, 'e001', { grade: 'THIRD' });
    await live.waitFor((r) => r.length > 0, 'the filing reaches the socket');

    const { status, text } = await metricsOf(server.url);
    expect(status).toBe(200);
    expect(
      sample(text, 'hazardloop_http_requests_total', 'method="POST",route="/graphql",status="200"'),
    ).toBeGreaterThan(2);
    expect(
      sample(
        text,
        'hazardloop_graphql_operations_total',
        'transport="http",operation="Ledger",outcome="UNAUTHENTICATED"',
      ),
    ).toBe(1);
    expect(sample(text, 'hazardloop_graphql_operations_total', 'transport="ws",operation="-",outcome="ok"')).toBe(1);
    expect(sample(text, 'hazardloop_open_sockets')).toBe(1);
    expect(sample(text, 'hazardloop_timer_leader')).toBe(1);
    expect(sample(text, 'hazardloop_event_delivery_lag_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('hazardloop_alert_watcher_lateness_seconds_bucket');
    expect(text).toContain('hazardloop_process_resident_memory_bytes');
    await socket.dispose();
  });

  it('answers loopback clients only, unless a METRICS_TOKEN is set, which it then requires', async () => {
    const forwarded = await metricsOf(server.url, { 'x-forwarded-for': '203.0.113.9' });
    expect(forwarded.status).toBe(403);
    expect(JSON.parse(forwarded.text)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await metricsOf(guarded.url)).status).toBe(403);
    expect((await metricsOf(guarded.url, { authorization: 'Bearer metrics-reader-0123456788' })).status).toBe(403);
    const allowed = await metricsOf(guarded.url, { authorization: 'Bearer metrics-reader-0123456789' });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('hazardloop_http_requests_total');
  });
});
