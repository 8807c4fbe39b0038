import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The code cites the rules by number (R1…) and the docs by name (api.md, docs/wallboard.md): every
 * citation must lead somewhere a person who cloned the repository can read, docs/ or the root (README.md,
 * BENCHMARKS.md), never the briefs the project was written from.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = ['server/src', 'server/bench', 'dashboard/src', 'tests'];
const EXTENSIONS = /\.(ts|vue|graphql)$/;

function walk(dir: string): string[] {
  if (!existsSync(join(REPO, dir))) return [];
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : walk(path);
    return EXTENSIONS.test(entry.name) && !path.endsWith('gql/generated.ts') ? [path] : [];
  });
}

// This file names citations that lead nowhere on purpose, to show that the checks catch them.
const SELF = relative(REPO, fileURLToPath(import.meta.url));
const codeFiles = [...SOURCES.flatMap(walk), 'schema.graphql'].filter((f) => f !== SELF);
const docFiles = ['README.md', 'BENCHMARKS.md', ...readdirSync(join(REPO, 'docs')).map((f) => `docs/${f}`)].filter(
  (f) => f.endsWith('.md') && existsSync(join(REPO, f)),
);
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');

/** The rule numbers docs/rules.md has a heading for ("## R5 Grades and who confirms"). */
const RULES = new Set([...read('docs/rules.md').matchAll(/^#{2,3} (R\d+)\b/gm)].map((m) => m[1]!));

/** Every `R<n>` and every `<name>.md` a file cites, with the line it is on. */
function citations(file: string) {
  return read(file)
    .split('\n')
    .flatMap((line, i) => [
      ...[...line.matchAll(/\bR(\d{1,3})\b/g)].map((m) => ({ kind: 'rule' as const, cited: `R${m[1]}`, line: i + 1 })),
      ...[...line.matchAll(/(?<![\w/.-])((?:\.{0,2}\/)?(?:[\w.-]+\/)*[\w.-]+\.md)\b/g)].map((m) => ({
        kind: 'doc' as const,
        cited: m[1]!,
        line: i + 1,
      })),
    ]);
}

/** A bare doc name resolves to docs/ or the root; a path with directories as below. */
function docExists(cited: string, from: string): boolean {
  if (/(^|\/)shared\//.test(cited) || cited.startsWith('/')) return false;
  if (!cited.includes('/')) return existsSync(join(REPO, 'docs', cited)) || existsSync(join(REPO, cited));
  // From the repository root, the citing file, or its package (a script's default path, run from server/).
  return [REPO, join(REPO, dirname(from)), join(REPO, from.split('/')[0]!)].some((base) =>
    existsSync(join(base, cited)),
  );
}

function unresolved(files: string[]): string[] {
  return files.flatMap((file) =>
    citations(file)
      .filter((c) => (c.kind === 'rule' ? !RULES.has(c.cited) : !docExists(c.cited, file)))
      .map((c) => `${relative(REPO, join(REPO, file))}:${c.line}: ${c.cited}`),
  );
}

describe('every rule and doc the code cites is in the repository', () => {
  it('docs/rules.md has the rules and the code cites them', () => {
    expect(RULES.size).toBeGreaterThanOrEqual(17);
    const cited = new Set(
      codeFiles.flatMap((f) =>
        citations(f)
          .filter((c) => c.kind === 'rule')
          .map((c) => c.cited),
      ),
    );
    expect(cited.size).toBeGreaterThanOrEqual(17);
  });

  it('the checks catch a citation that leads nowhere', () => {
    expect(docExists('api.md', 'server/src/app.ts')).toBe(true);
    expect(docExists('docs/architecture.md', 'server/src/app.ts')).toBe(true);
    expect(docExists('README.md', 'server/src/app.ts')).toBe(true);
    expect(docExists('mission.md', 'server/src/app.ts')).toBe(false);
    expect(docExists('../shared/docs/api.md', 'server/src/app.ts')).toBe(false);
    expect(RULES.has('R99')).toBe(false);
  });

  it('the code, the schema and the dashboard cite only rules and docs that exist', () => {
    expect(codeFiles.length).toBeGreaterThan(200);
    expect(unresolved(codeFiles)).toEqual([]);
  });

  it('the docs cite only rules and docs that exist', () => {
    expect(unresolved(docFiles)).toEqual([]);
  });
});
