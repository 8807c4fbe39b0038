import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { fileWithPlan } from '../testing/hazard-helpers.js';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { backup, restore } from './backup.js';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** `pnpm backup` / `pnpm restore` as an operator types them: a process of its own beside the live server. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/ops/backup.cli.ts', ...args],
      { cwd: SERVER_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const dialects = await testDialects();
const WRITERS = ['e001', 'e002', 'e003', 'e004', 'e005', 'e006', 'e007', 'e008'];

describe.each(dialects)('a backup of a live %s installation', (dialect) => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it(
    'taken under eight writers, restores with a valid audit chain, every write acknowledged before it, and the photos',
    { timeout: 240_000 },
    async () => {
      const live = await startTestServer({ dialect });
      cleanup.push(() => live.close());
      const folder = await mkdtemp(join(tmpdir(), 'hl-backup-'));
      cleanup.push(() => rm(folder, { recursive: true, force: true }));

      const form = new FormData();
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
        .png()
        .toBuffer();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'p.png');
      const uploaded = await fetch(`${live.url}/uploads`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${await live.login('e001')}` },
      });
      const photoId = ((await uploaded.json()) as { id: string }).id;
      const withPhoto = await fileWithPlan(live, 'e001', {
        grade: 'THIRD',
        title: '带照片的隐患',
        photoIds: [photoId],
      });

      await Promise.all(WRITERS.map((user) => live.login(user)));
      const acknowledged: string[] = [withPhoto.id];
      let writing = true;
      const failures: string[] = [];
      const writers = WRITERS.map(async (user, w) => {
        for (let i = 0; writing; i++) {
          // A phone's outbox: a send whose answer was lost is sent again with its key, and counted once.
          const input = { grade: 'THIRD', title: `备份期间 ${w}-${i}`, idempotencyKey: `backup-${dialect}-${w}-${i}` };
          for (let attempt = 0; ; attempt++) {
            try {
              acknowledged.push((await fileWithPlan(live, user, input)).id);
              break;
            } catch (error) {
              if (!String(error).includes('fetch failed') || attempt >= 3) {
                failures.push(String(error));
                break;
              }
            }
          }
        }
      });
      while (acknowledged.length < 12 && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const before = [...acknowledged];
      const liveEnv = { DATABASE_URL: live.db.url, UPLOAD_DIR: live.app.deps.env.uploadDir };
      const taken = await cli(['backup', join(folder, 'b1')], liveEnv);
      expect(taken.output).toContain('backup written to');
      expect(taken.code).toBe(0);
      // The writers went on while the copy was taken, and after.
      const during = acknowledged.length;
      while (acknowledged.length < during + 8 && failures.length === 0)
        await new Promise((resolve) => setTimeout(resolve, 50));
      writing = false;
      await Promise.all(writers);
      expect(failures).toEqual([]);
      const manifest = JSON.parse(await readFile(join(folder, 'b1', 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ database: dialect, uploads: 2 });

      // Restored into a new database and photo folder, as onto a replacement machine.
      const target: TestDatabase = await createTestDatabase(dialect);
      cleanup.push(() => target.drop());
      const photos = await mkdtemp(join(tmpdir(), 'hl-restored-uploads-'));
      cleanup.push(() => rm(photos, { recursive: true, force: true }));
      if (dialect === 'postgresql') {
        const refused = await cli(['restore', join(folder, 'b1')], { DATABASE_URL: target.url, UPLOAD_DIR: photos });
        expect(refused.output).toContain('--force');
        expect(refused.code).toBe(1);
      }
      const put = await cli(['restore', join(folder, 'b1'), '--force'], {
        DATABASE_URL: target.url,
        UPLOAD_DIR: photos,
      });
      expect(put.output).toContain('restored the backup');
      expect(put.code).toBe(0);
      const restored: TestServer = await startTestServer({ dialect, database: target, env: { UPLOAD_DIR: photos } });
      cleanup.push(() => restored.close());

      const inspector = await restored.login('inspector1');
      const chain = await restored.gql<{ auditChain: { valid: boolean } }>('{ auditChain { valid } }', {}, inspector);
      expect(chain.data?.auditChain.valid).toBe(true);
      const chief = await restored.login('chief1');
      const found = await Promise.all(
        before.map(async (id) => {
          const result = await restored.gql<{ hazard: { id: string } | null }>(
            'query($id: ID!) { hazard(id: $id) { id } }',
            { id },
            chief,
          );
          return result.data?.hazard?.id;
        }),
      );
      expect(found).toEqual(before);
      const picture = await fetch(`${restored.url}/uploads/${photoId}`, {
        headers: { authorization: `Bearer ${chief}` },
      });
      expect(picture.status).toBe(200);
      expect(picture.headers.get('content-type')).toBe('image/png');
    },
  );

  it(
    'refuses to overwrite a backup, and to restore over a database without --force',
    { timeout: 120_000 },
    async () => {
      const db = await createTestDatabase(dialect);
      cleanup.push(() => db.drop());
      const server = await startTestServer({ dialect, database: db });
      const folder = await mkdtemp(join(tmpdir(), 'hl-backup-'));
      cleanup.push(() => rm(folder, { recursive: true, force: true }));
      await backup(server.app.deps.env, folder);
      await expect(backup(server.app.deps.env, folder)).rejects.toThrow(/already holds a backup/);
      await server.close();
      await expect(restore(server.app.deps.env, folder)).rejects.toThrow(/--force/);
      await expect(restore(server.app.deps.env, tmpdir())).rejects.toThrow(/no complete backup/);
    },
  );
});
