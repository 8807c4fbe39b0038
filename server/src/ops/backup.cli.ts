import { isAbsolute, join } from 'node:path';
import { EnvError, loadEnv } from '../config/env.js';
import { backup, restore } from './backup.js';

/**
 * `pnpm backup <folder>` and `pnpm restore <folder> [--force]`, with the server's own settings
 * (DATABASE_URL, UPLOAD_DIR). pnpm runs this in server/; a relative folder is taken from where the
 * command was typed (pnpm's INIT_CWD), as a user expects.
 */
const [command, folder, ...flags] = process.argv.slice(2);
const where = (path: string) => (isAbsolute(path) ? path : join(process.env.INIT_CWD ?? process.cwd(), path));

try {
  const env = loadEnv();
  if (command === 'backup') {
    const out = where(folder ?? `backups/hazardloop-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const manifest = await backup(env, out);
    console.log(`backup written to ${out}: ${manifest.database} database, ${manifest.uploads} photo files`);
  } else if (command === 'restore' && folder) {
    const manifest = await restore(env, where(folder), { force: flags.includes('--force') });
    console.log(`restored the backup of ${manifest.createdAt} (${manifest.uploads} photo files); start the server now`);
  } else {
    console.error('usage: pnpm backup [folder]  |  pnpm restore <folder> [--force]');
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `${command} failed: ${(error as Error).message}`);
  process.exit(1);
}
