import { readdir, readFile } from 'node:fs/promises';
import { getIntrospectionQuery, parse, validate } from 'graphql';
import { buildHazardLoopSchema } from './schema.js';
import { validationRules } from './limits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { openSocket } from '../testing/ws-client.js';
import { aliased, fanOut } from '../testing/hostile-documents.js';

const dialects = await testDialects();

describe('the guards and the dashboard', () => {
  it('admit every operation the dashboard sends', async () => {
    const schema = await buildHazardLoopSchema();
    const root = new URL('../../../dashboard/src/', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const errors = validate(schema, parse(await readFile(new URL(file, root), 'utf8')), validationRules);
      expect(
        errors.map((e) => e.message),
        file,
      ).toEqual([]);
    }
  });
});

/** hazards → (enterprise → hazards) × levels → enterprise.code: 4 levels per round trip, plus 5. */
const nest = (levels: number) => {
  let inner = 'enterprise { code }';
  for (let i = 0; i < levels; i++) inner = `enterprise { hazards(first: 1) { edges { node { ${inner} } } } }`;
  return `{ hazards(first: 1) { edges { node { ${inner} } } } }`;
};

describe.each(dialects)('operations too large to answer, on %s', (dialect) => {
  let server: TestServer;
  let analyst: string;
  let kiosk: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    analyst = await server.login('analyst');
    const created = await server.gql(
      `mutation { createKioskLink(label: "大厅电视") { token } }`,
      {},
      await server.login('director'),
    );
    kiosk = created.data!.createKioskLink.token;
  });
  afterAll(() => server?.close());

  /** Posts `query` and, while it is processed, asks /healthz; both times in ms. */
  const timed = async (query: string, token: string | null) => {
    const started = Date.now();
    const answer = server.gql(query, {}, token);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const healthStarted = Date.now();
    const health = await fetch(`${server.url}/healthz`);
    const healthMs = Date.now() - healthStarted;
    const result = await answer;
    return { result, ms: Date.now() - started, healthMs, healthStatus: health.status };
  };

  it('refuses the fragment fan-out document of the probe at once, signed in or not, with /healthz answering meanwhile', async () => {
    for (const token of [null, analyst]) {
      const { result, ms, healthMs, healthStatus } = await timed(fanOut(24), token);
      expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors![0]!.message).toMatch(/开销/);
      expect(healthStatus).toBe(200);
      expect(healthMs).toBeLessThan(1000);
      expect(ms).toBeLessThan(1000);
    }
    // Its small neighbour is an ordinary document and is answered.
    expect((await server.gql(fanOut(4), {}, null)).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a fan-out whose leaf is a costed aggregate, before running it', async () => {
    const { result, healthMs } = await timed(fanOut(24, 'auditChain { valid }'), analyst);
    expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0]!.message).toMatch(/开销/);
    expect(healthMs).toBeLessThan(1000);
  });

  it('refuses 300 aliases of the wallboard from a kiosk, and 30 within the alias limit by their weight', async () => {
    const many = await server.gql(aliased(300, 'wallboard { openHazards }'), {}, kiosk);
    expect(many.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(many.errors![0]!.message).toMatch(/别名/);
    const twenty = await server.gql(aliased(30, 'wallboard { openHazards }'), {}, kiosk);
    expect(twenty.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(twenty.errors![0]!.message).toMatch(/开销/);
    const one = await server.gql('{ wallboard { openHazards } }', {}, kiosk);
    expect(one.errors).toBeUndefined();
  });

  it('refuses two audit-chain checks in one operation and answers one', async () => {
    const token = await server.login('inspector1');
    const two = await server.gql(aliased(2, 'auditChain { valid }'), {}, token);
    expect(two.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const one = await server.gql('{ auditChain { valid } }', {}, token);
    expect(one.errors).toBeUndefined();
    expect(one.data!.auditChain.valid).toBe(true);
  });

  it('refuses alerts that each walk a full page of hazards, and every costed aggregate aliased', async () => {
    const walk = await server.gql(
      aliased(5, 'alerts { enterprise { hazards(first: 200) { totalCount } } }'),
      {},
      analyst,
    );
    expect(walk.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const field of [
      'wallboard { openHazards }',
      'stats(from: "2026-01-01T00:00:00+08:00", to: "2026-02-01T00:00:00+08:00") { closed }',
      'crossCheck(from: "2026-01-01T00:00:00+08:00", to: "2026-02-01T00:00:00+08:00") { discrepancies }',
      'auditChain { valid }',
    ]) {
      const refused = await server.gql(aliased(10, field), {}, analyst);
      expect(refused.errors?.[0]?.extensions?.code, field).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('refuses a query nested deeper than twelve levels, and answers the same shape two levels shallower', async () => {
    const deep = await server.gql(nest(3), {}, analyst);
    expect(deep.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors![0]!.message).toMatch(/层/);
    expect(deep.data).toBeUndefined();
    expect((await server.gql(nest(1), {}, analyst)).errors).toBeUndefined();
  });

  it('refuses three nested full pages, and allows two', async () => {
    const three = `{ enterprises(first: 200) { edges { node { hazards(first: 200) { edges { node { enterprise { hazards(first: 200) { totalCount } } } } } } } } }`;
    const refused = await server.gql(three, {}, analyst);
    expect(refused.errors![0]!.message).toMatch(/开销/);
    const two = `{ enterprises(first: 10) { edges { node { hazards(first: 200) { totalCount } } } } }`;
    expect((await server.gql(two, {}, analyst)).errors).toBeUndefined();
  });

  it('refuses a pile of directives', async () => {
    const result = await server.gql(`{ me { id ${'@include(if: true) '.repeat(50)} } }`, {}, analyst);
    expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('describes the schema to signed-in users only, however deep, and never suggests field names', async () => {
    const anonymous = await server.gql(getIntrospectionQuery(), {}, null);
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? undefined).toBeUndefined();
    const byType = await server.gql('{ __type(name: "Hazard") { fields { name } } }', {}, null);
    expect(byType.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const signedIn = await server.gql(getIntrospectionQuery(), {}, analyst);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.__schema.queryType.name).toBe('Query');
    const typo = await server.gql('{ hazard(id: "x") { titel } }', {}, null);
    expect(typo.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean|title/);
  });

  it('refuses the same documents over the socket, and answers their small neighbours', async () => {
    const socket = openSocket(server.url, analyst);
    try {
      await socket.connected;
      const run = (query: string) =>
        new Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>(
          (resolve) => {
            let last: { data?: unknown } = {};
            socket.client.subscribe(
              { query },
              {
                next: (value) => void (last = value as { data?: unknown }),
                error: (errors) => resolve({ errors: errors as never }),
                complete: () => resolve(last),
              },
            );
          },
        );
      expect((await run(fanOut(24))).errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await run(fanOut(4))).toEqual({ data: { __typename: 'Query' } });
      const refused = await run(aliased(300, 'wallboard { openHazards }'));
      expect(refused.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const weighted = await run(aliased(3, 'auditChain { valid }'));
      expect(weighted.errors![0]!.message).toMatch(/开销/);
      const typo = await run('{ hazard(id: "x") { titel } }');
      expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
    } finally {
      await socket.dispose();
    }
  });

  it('words a syntax error and a document of too many tokens in the caller’s language, over HTTP and the socket', async () => {
    const broken = await server.gql('{ hazards(first: 1) { totalCount }', {}, analyst);
    expect(broken.errors![0]).toMatchObject({
      message: '查询语句第 1 行第 35 列有语法错误：此处应为 Name，实际为 <EOF>。',
      extensions: { code: 'GRAPHQL_PARSE_FAILED', messageKey: 'common.syntaxExpected' },
    });
    const english = await server.gql('{ hazards(first: 1) { totalCount } } }', {}, analyst, {
      'accept-language': 'en',
    });
    expect(english.errors![0]!.message).toBe('Syntax error at line 1, column 38: unexpected "}".');
    const tokens = await server.gql(`{ ${'__typename '.repeat(10_001)} }`, {}, null);
    expect(tokens.errors![0]).toMatchObject({
      message: '查询语句超过 10000 个词法单元，已停止解析。请分几次查询。',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const socket = openSocket(server.url, analyst);
    try {
      await socket.connected;
      const errors = await new Promise<Array<{ message: string }>>((resolve) =>
        socket.client.subscribe(
          { query: '{ me { id ' },
          { next: () => undefined, error: (e) => resolve(e as never), complete: () => resolve([]) },
        ),
      );
      expect(errors[0]!.message).toMatch(/^查询语句第 1 行第 \d+ 列有语法错误：此处应为 Name，实际为 <EOF>。$/);
    } finally {
      await socket.dispose();
    }
  });

  it('sends a Content-Security-Policy that forbids framing with the dashboard', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(policy).toMatch(/script-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
