import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

/** Who sees what (R6): every role against e001 (department 1) and e021 (department 2). */
const MATRIX = [
  { user: 'admin', total: 100, sees: ['e001', 'e021'], files: ['e001', 'e021'] },
  { user: 'director', total: 100, sees: ['e001', 'e021'], files: ['e001', 'e021'] },
  { user: 'analyst', total: 100, sees: ['e001', 'e021'], files: [] },
  { user: 'leader1', total: 20, sees: ['e001'], files: ['e001'] },
  { user: 'leader2', total: 20, sees: ['e021'], files: ['e021'] },
  { user: 'chief1', total: 20, sees: ['e001'], files: ['e001'] },
  { user: 'chief2', total: 20, sees: ['e021'], files: ['e021'] },
  { user: 'inspector1', total: 20, sees: ['e001'], files: ['e001'] },
  { user: 'e001', total: 1, sees: ['e001'], files: ['e001'] },
  { user: 'e021', total: 1, sees: ['e021'], files: ['e021'] },
] as const;

const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id enterprise { code } } }`;

describe.each(dialects)('what each role may see and do, on %s', (dialect) => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  const hazardOf: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const director = await server.login('director');
    for (const code of ['e001', 'e021']) {
      const found = await server.gql(
        `query($s: String!) { enterprises(filter: { search: $s }) { edges { node { id code hazards(first: 1) { edges { node { id } } } } } } }`,
        { s: code },
        director,
      );
      const node = found.data!.enterprises.edges.find((e: any) => e.node.code === code).node;
      ids[code] = node.id;
      hazardOf[code] = node.hazards.edges[0].node.id;
    }
  });
  afterAll(() => server?.close());

  it.each(MATRIX)('$user: lists $total enterprises', async ({ user, total }) => {
    const token = await server.login(user);
    const result = await server.gql(`{ enterprises(first: 200) { totalCount edges { node { code } } } }`, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.enterprises.totalCount).toBe(total);
    expect(result.data!.enterprises.edges).toHaveLength(total);
  });

  it.each(MATRIX)('$user: gets by id exactly the enterprises and hazards in scope', async ({ user, sees }) => {
    const token = await server.login(user);
    for (const code of ['e001', 'e021'] as const) {
      const visible = (sees as readonly string[]).includes(code);
      const result = await server.gql(
        `query($e: ID!, $h: ID!) { enterprise(id: $e) { code } hazard(id: $h) { id } }`,
        { e: ids[code], h: hazardOf[code] },
        token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.enterprise?.code ?? null).toBe(visible ? code : null);
      expect(result.data!.hazard?.id ?? null).toBe(visible ? hazardOf[code] : null);
    }
  });

  it.each(MATRIX)('$user: traverses hazard → enterprise → hazards within scope only', async ({ user, sees }) => {
    const token = await server.login(user);
    const result = await server.gql(
      `{ hazards(first: 50) { edges { node { enterprise { code department { number } hazards(first: 50) { edges { node { enterprise { code } } } } } } } } }`,
      {},
      token,
    );
    expect(result.errors).toBeUndefined();
    const codes = new Set<string>();
    for (const { node } of result.data!.hazards.edges) {
      codes.add(node.enterprise.code);
      for (const inner of node.enterprise.hazards.edges) expect(inner.node.enterprise.code).toBe(node.enterprise.code);
    }
    expect(codes.size).toBeGreaterThan(0);
    for (const code of codes) expect(mayReach(user, sees, code), `${user} saw ${code}`).toBe(true);
  });

  it.each(MATRIX)('$user: files only for enterprises in scope', async ({ user, files }) => {
    const token = await server.login(user);
    for (const code of ['e001', 'e021'] as const) {
      const input = { enterpriseId: ids[code], title: `scope check by ${user}`, grade: 'THIRD', rectifiedOnSpot: true };
      const result = await server.gql(FILE, { input }, token);
      if ((files as readonly string[]).includes(code)) {
        expect(result.errors).toBeUndefined();
        expect(result.data!.fileHazard.enterprise.code).toBe(code);
      } else {
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(result.data).toBeNull();
      }
    }
  });
});

/** Administration (R12, R13): every write is the admin's; reading accounts is the admin's and the director's. */
const NOBODY = '00000000-0000-4000-8000-000000000000';
const ADMIN_WRITES: Array<[string, string]> = [
  ['createTownship', 'mutation { createTownship(name: " ") { id } }'],
  ['createDepartment', 'mutation { createDepartment(input: { name: " " }) { id } }'],
  ['updateDepartment', `mutation { updateDepartment(id: "${NOBODY}", input: { name: " " }) { id } }`],
  [
    'registerEnterprise',
    `mutation { registerEnterprise(input: { name: " ", creditCode: "x", industry: OTHER, townshipId: "${NOBODY}", departmentId: "${NOBODY}" }) { id } }`,
  ],
  ['updateEnterprise', `mutation { updateEnterprise(id: "${NOBODY}", input: { name: "x" }, reason: "x") { id } }`],
  ['setEnterpriseActive', `mutation { setEnterpriseActive(id: "${NOBODY}", active: false, reason: "x") { id } }`],
  [
    'createUser',
    'mutation { createUser(input: { username: "!", displayName: "x", role: ANALYST }) { initialPassword } }',
  ],
  ['resetPassword', `mutation { resetPassword(userId: "${NOBODY}") { initialPassword } }`],
  ['setUserActive', `mutation { setUserActive(userId: "${NOBODY}", active: false, reason: "x") { id } }`],
  ['importEnterprises', `mutation { importEnterprises(importId: "${NOBODY}", dryRun: true) { rowCount } }`],
];

describe.each(dialects)('who may administer, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it.each(MATRIX)('$user: administers only as admin, reads accounts only as admin or director', async ({ user }) => {
    const token = await server.login(user);
    for (const [name, mutation] of ADMIN_WRITES) {
      const result = await server.gql(mutation, {}, token);
      const code = result.errors?.[0]?.extensions?.code;
      // The admin passes the permission check and meets the deliberately bad input instead.
      if (user === 'admin') expect(['BAD_USER_INPUT', 'NOT_FOUND'], `${user} ${name}`).toContain(code);
      else expect(code, `${user} ${name}`).toBe('FORBIDDEN');
    }
    const users = await server.gql(
      '{ users(first: 200) { totalCount } me { can { administer readAdministration } } }',
      {},
      token,
    );
    const reads = user === 'admin' || user === 'director';
    if (reads) expect(users.data!.users.totalCount).toBeGreaterThan(100);
    else expect(users.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const me = await server.gql('{ me { can { administer readAdministration } } }', {}, token);
    expect(me.data!.me.can).toEqual({ administer: user === 'admin', readAdministration: reads });
  });
});

function departmentOf(code: string): number {
  return Math.ceil(Number(code.slice(1)) / 20);
}

/** Bureau-wide roles reach all; an enterprise account only itself; other staff their departments' enterprises. */
function mayReach(user: string, sees: readonly string[], code: string): boolean {
  if (sees.length === 2) return true; // sees both departments' test enterprises: the whole bureau
  if (/^e\d{3}$/.test(user)) return code === user;
  return sees.some((seen) => departmentOf(seen) === departmentOf(code));
}
