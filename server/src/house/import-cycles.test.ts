import { parseCircular, parseDependencyTree, shortenTree } from 'dpdm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * No import cycle in the server, type-only imports included: a cycle means two modules each need the
 * other, and one of them sees the other half-loaded. MikroORM's entities name each other in their
 * relations (User ↔ Department ↔ Enterprise), which is the one cycle allowed (docs/architecture.md).
 */

const SERVER = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
const ENTRIES = ['src/main.ts', 'src/testing/test-server.ts'];

async function cycles(): Promise<string[][]> {
  const tree = await parseDependencyTree(ENTRIES, {
    context: SERVER,
    cwd: SERVER,
    // Type-only imports count: they tie the modules together just the same.
    transform: false,
    skipDynamicImports: false,
  });
  return parseCircular(shortenTree(SERVER, tree));
}

describe('the server has no import cycle outside the entities', () => {
  it('reads the whole graph from the server and the test server', async () => {
    const all = await cycles();
    // The entity cycle is there, so the graph was read (types included), and nothing else is.
    expect(all.some((cycle) => cycle.every((file) => file.endsWith('.entity.ts')))).toBe(true);
    const outside = all.filter((cycle) => !cycle.every((file) => file.endsWith('.entity.ts')));
    expect(outside.map((cycle) => cycle.join(' → '))).toEqual([]);
  }, 120_000);
});

describe('AppDeps', () => {
  it('is built once: every field readonly, none optional (nothing is set on it later)', () => {
    const source = readFileSync(join(SERVER, 'src/graphql/context.ts'), 'utf8');
    const body = /export interface AppDeps \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const fields = body
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(fields.length).toBeGreaterThan(5);
    expect(fields.filter((field) => !/^readonly \w+: /.test(field))).toEqual([]);
    const app = readFileSync(join(SERVER, 'src/app.ts'), 'utf8');
    expect(app).toMatch(/const deps: AppDeps = Object\.freeze\(/);
    expect(app).not.toMatch(/\bdeps\.\w+\s*=[^=]/);
  });
});
