import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every role decision lives in server/src/modules/auth/ (docs/architecture.md, "Permissions"); the
 * dashboard reads the answers (`me.can`, `viewerCan`, `roleOptions`) and holds no role list and no
 * copy of R5. This test greps both trees so that a copy does not creep back.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function walk(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path, keep);
    return keep(path) ? [path] : [];
  });
}

/** Comments may name roles ("the director confirms MAJOR"); only code decides. */
function code(file: string): string[] {
  return readFileSync(join(REPO, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, ''));
}

function offending(files: string[], patterns: RegExp[]): string[] {
  return files.flatMap((file) =>
    code(file).flatMap((line, i) =>
      patterns.some((p) => p.test(line)) ? [`${relative(REPO, join(REPO, file))}:${i + 1}: ${line.trim()}`] : [],
    ),
  );
}

/** A server line that decides by role: names a Role member, compares a role, or asks a role set. */
const SERVER_ROLE_DECISION = [
  /\bRole\.[A-Z_]+\b/,
  /\brole\s*[!=]==?/,
  /[!=]==?\s*[\w.?]*\.role\b/,
  /\.includes\([\w.?]*\.role\)/,
  /_ROLES\.has\(/,
  /\brole\s*=\s*'/,
];

const ROLE_NAMES = 'ENTERPRISE|INSPECTOR|SECTION_CHIEF|DEPUTY_LEADER|DIRECTOR|ANALYST|ADMIN';

/** A dashboard line that lists roles or decides by one (R5's grade → role included). */
const DASHBOARD_ROLE_DECISION = [
  new RegExp(`['"\`](${ROLE_NAMES.replace('ENTERPRISE|', '')})['"\`]`),
  new RegExp(`\\brole\\s*[!=]==?\\s*['"\`](${ROLE_NAMES})`),
  new RegExp(`['"\`](${ROLE_NAMES})['"\`]\\s*[!=]==?`),
  /\.role\s*[!=]==?/,
  /[!=]==?\s*[\w.?]*\.role\b/,
  /\.includes\([\w.?]*\.role\)/,
  /confirmingRole\s*[!=]==?|[!=]==?\s*[\w.?]*confirmingRole\b/,
];

const serverFiles = walk('server/src', (f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).filter(
  (f) =>
    !f.startsWith('server/src/modules/auth/') &&
    !f.startsWith('server/src/seeders/') &&
    !f.startsWith('server/src/testing/') &&
    !f.startsWith('server/src/migrations/'),
);

/** Label maps (`role.DIRECTOR: '局长'`) live in the i18n files and only name a role for display. */
const dashboardFiles = walk(
  'dashboard/src',
  (f) => (f.endsWith('.ts') || f.endsWith('.vue')) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'),
).filter((f) => !f.endsWith('gql/generated.ts') && !/[\\/]i18n[\\/]/.test(f));

describe('each rule has one home', () => {
  it('the patterns catch what they are meant to catch', () => {
    const server = [
      'if (viewer.user.role === Role.DIRECTOR) return;',
      'if (input.role !== role) throw x;',
      '[Role.ADMIN].includes(viewer.user.role)',
      "where u.role = 'ENTERPRISE'",
    ];
    for (const line of server)
      expect(
        SERVER_ROLE_DECISION.some((p) => p.test(line)),
        line,
      ).toBe(true);
    expect(SERVER_ROLE_DECISION.some((p) => p.test("import { ENTERPRISE_ROLE } from '../auth/role.js';"))).toBe(false);
    const dashboard = [
      "const ROLES = ['INSPECTOR', 'SECTION_CHIEF'];",
      'v-if="form.role === \'ENTERPRISE\'"',
      'return viewer.role === hazard.confirmingRole;',
      "useQuery(StaffByRoleDocument, { role: 'DEPUTY_LEADER' })",
    ];
    for (const line of dashboard)
      expect(
        DASHBOARD_ROLE_DECISION.some((p) => p.test(line)),
        line,
      ).toBe(true);
    expect(DASHBOARD_ROLE_DECISION.some((p) => p.test('{{ t(`role.${viewer.role}`) }}'))).toBe(false);
  });

  it('no server file outside modules/auth/ compares roles', () => {
    expect(serverFiles.length).toBeGreaterThan(100);
    expect(offending(serverFiles, SERVER_ROLE_DECISION)).toEqual([]);
  });

  it('the dashboard holds no role list, role comparison or confirming rule', () => {
    expect(dashboardFiles.some((f) => f.endsWith('AccountsPage.vue'))).toBe(true);
    expect(offending(dashboardFiles, DASHBOARD_ROLE_DECISION)).toEqual([]);
  });
});
