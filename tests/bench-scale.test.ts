import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAnswers, type TestDatabase } from '../server/src/testing/databases.js';
import { servicesRequired } from '../server/src/testing/services.js';

const SERVER_DIR = fileURLToPath(new URL('../server/', import.meta.url));
const postgres = await postgresAnswers();
if (!postgres && servicesRequired) throw new Error('REQUIRE_SERVICES=1 but PostgreSQL does not answer.');

/**
 * Issue 16: the province-scale suite itself, short (S, one round, no fan-out), so that a change which
 * breaks the generator, a baseline's agreement or the suite's own code fails the build. What it
 * measures is not judged here (timings belong to BENCHMARKS.md); the plan and statement checks are
 * in server/src/seeders/scale/scale.test.ts.
 */
describe.runIf(postgres)('the province-scale suite, a short run at S', () => {
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('generates S, measures every request figure against its baseline, and both return the same figures', async () => {
    db = await createTestDatabase('postgresql');
    dir = await mkdtemp(join(tmpdir(), 'hl-bench-'));
    const out = join(dir, 'BENCHMARKS.md');
    const args = ['bench/scale.ts', '--scale', 'S', '--rounds', '1', '--skip-fan-out', '--database', db.url];
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', ...args, '--out', out], {
      cwd: SERVER_DIR,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output.slice(-3000)).toBe(0);

    expect(output).toMatch(/seed:scale done in [\d.]+ s: .*"enterprises":10000,.*"hazards":100000/);
    const written = await readFile(out, 'utf8');
    const rows = written
      .split('\n')
      .filter((line) => /^\| .* \| [\d.]+ (ms|req\/s) \| [\d.]+ (ms|req\/s) \|/.test(line));
    expect(
      rows.map((r) => r.split(' | ')[0]!.slice(2)),
      written,
    ).toEqual([
      "director's `wallboard`",
      "chief1's `wallboard`",
      '100 hazards + enterprise, township, department, with `totalCount` (director)',
      'the same without `totalCount`',
      '`stats` over six months (director)',
      '`stats` over six months (chief1)',
      '`statsBy(DEPARTMENT)` over six months (director)',
      '`statsSeries(MONTH)` over six months (director)',
      '`me` (16 concurrent) against a bare `node:http` server',
      '`fileHazard` (16 concurrent) against a bare `node:http` server with one raw INSERT',
    ]);
    for (const row of rows) expect(row.split(' | ')[4], row).toBe('yes');
  }, 600_000);
});
