import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../messages/en.js';
import { zhCN } from '../messages/zh-CN.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(SRC, path)] : [];
  });
}

const files = sources().filter((f) => !f.startsWith('messages/'));
const read = (file: string) => readFileSync(join(SRC, file), 'utf8');

const at = (catalogue: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
const has = (catalogue: object, key: string) => typeof at(catalogue, key) === 'string';
const isGroup = (catalogue: object, key: string) => {
  const node = at(catalogue, key);
  return !!node && typeof node === 'object' && Object.values(node).every((v) => typeof v === 'string');
};

/** The helpers that refuse: each takes a catalogue key first (`badInput('hazard.titleRequired', {}, 'title')`). */
const REFUSING =
  /(?:\b(?:badInput|forbidden|notFound|conflict|unauthenticated|rateLimited|validationRefusal|new ImportFileError)\(|new UploadError\(\d+,|\brefuse\(req, res, [\w.]+, '[A-Z_]+',)\s*([^,)]*)/g;

describe('every refusal is a catalogue key with a Chinese and an English sentence', () => {
  const calls = files.flatMap((file) =>
    [...read(file).matchAll(REFUSING)].map((m) => ({ file, arg: m[1]!.trim() })).filter((c) => c.arg !== ''),
  );

  it('finds the refusals (the pattern still matches the code)', () => {
    expect(calls.length).toBeGreaterThan(150);
  });

  it('names a key present in both catalogues, never a sentence', () => {
    const wrong: string[] = [];
    for (const { file, arg } of calls) {
      const literal = /^'([^']*)'$/.exec(arg);
      if (literal) {
        if (!has(zhCN, literal[1]!) || !has(en, literal[1]!)) wrong.push(`${file}: ${arg}`);
        continue;
      }
      // A key of one group chosen by a typed name: `hazard.transition.${action}`; the group is in both.
      const grouped = /^`([\w.]+)\.\$\{\w+\}`$/.exec(arg);
      if (grouped) {
        if (!isGroup(zhCN, grouped[1]!) || !isGroup(en, grouped[1]!)) wrong.push(`${file}: ${arg}`);
        continue;
      }
      // A key chosen at run time (`required`, `problem.key`, a ternary of two keys): typed MessageKey.
      const keys = [...arg.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
      for (const key of keys) if (!has(zhCN, key) || !has(en, key)) wrong.push(`${file}: ${arg}`);
      if (/^[`"]/.test(arg)) wrong.push(`${file}: ${arg}`);
    }
    expect(wrong).toEqual([]);
  });

  it('builds no GraphQL error of its own beside modules/common/errors.ts (whose errors carry the key)', () => {
    const building = files.filter((f) => /new GraphQLError\(/.test(read(f))).sort();
    expect(building).toEqual(['modules/common/errors.ts', 'realtime/ws-server.ts']);
    // ws-server only re-codes an error it was given, keeping its extensions (messageKey among them).
    expect(read('realtime/ws-server.ts')).toMatch(/extensions: \{ \.\.\.error\.extensions, code \}/);
  });
});
