import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isFresh, writeStamp } from '../scripts/build-stamp.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'hazardloop-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the build stamp', () => {
  it('calls a build fresh until a source it reads changes, and not when only a test changes', () => {
    const root = join(scratch, 'repo');
    mkdirSync(join(root, 'pkg/src'), { recursive: true });
    mkdirSync(join(root, 'pkg/dist'), { recursive: true });
    writeFileSync(join(root, 'pkg/src/main.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'pkg/src/main.test.ts'), 'it("a", () => {});\n');
    const inputs = { paths: ['pkg/src'], stamp: 'pkg/dist/.source-hash' };

    expect(isFresh(inputs, root)).toBe(false);
    writeStamp(inputs, root);
    expect(isFresh(inputs, root)).toBe(true);
    writeFileSync(join(root, 'pkg/src/main.test.ts'), 'it("b", () => {});\n');
    expect(isFresh(inputs, root)).toBe(true);
    writeFileSync(join(root, 'pkg/src/main.ts'), 'export const a = 2;\n');
    expect(isFresh(inputs, root)).toBe(false);
    writeStamp(inputs, root);
    writeFileSync(join(root, 'pkg/src/added.ts'), 'export const b = 1;\n');
    expect(isFresh(inputs, root)).toBe(false);
  });
});

/** `pnpm start` as a newcomer runs it, until it serves; then stopped by `signal`. */
async function startAndStop(
  signal: NodeJS.Signals,
  database: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn('pnpm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${database}`, REMINDERS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HazardLoop is serving')) resolve();
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    void exited.then((code) => reject(new Error(`pnpm start exited ${code} before serving:\n${output}`)));
  });
  child.kill(signal);
  return { code: await exited, output };
}

describe('pnpm start', () => {
  it('builds only what changed, and a stop by SIGTERM or SIGINT is a clean exit 0 without ELIFECYCLE', async () => {
    // The first start builds what is stale (the dashboard is fresh after `pnpm test` built it); the second builds nothing.
    const first = await startAndStop('SIGTERM', join(scratch, 'first.sqlite'));
    expect(first.code, first.output).toBe(0);
    expect(first.output).not.toContain('ELIFECYCLE');
    expect(first.output).toContain('SIGTERM: shutting down');

    const second = await startAndStop('SIGINT', join(scratch, 'second.sqlite'));
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('dashboard: build is up to date, not rebuilt');
    expect(second.output).toContain('server: build is up to date, not rebuilt');
    expect(second.output).not.toContain('building');
    expect(second.output).not.toContain('ELIFECYCLE');
    expect(second.output).not.toMatch(/"level":"(error|fatal)"/);
  }, 600_000);
});
