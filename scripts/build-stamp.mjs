// Which builds are older than their sources: a hash of each package's build inputs, kept beside its
// output (dist/.source-hash) by the package's `build` script and compared by `pnpm start`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What each build reads, relative to the repository root. Tests are not built, so they are not inputs. */
export const INPUTS = {
  dashboard: {
    paths: ['dashboard', 'server/src/messages', 'schema.graphql', 'pnpm-lock.yaml', 'tsconfig.json'],
    stamp: 'dashboard/dist/.source-hash',
  },
  server: {
    paths: [
      'server/src',
      'server/package.json',
      'server/tsconfig.json',
      'server/tsconfig.build.json',
      'pnpm-lock.yaml',
      'tsconfig.json',
    ],
    stamp: 'server/dist/.source-hash',
  },
};

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'data', '.vite']);
const isTest = (name) => /\.test\.[cm]?[jt]sx?$/.test(name);

function filesUnder(root, path, out) {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    out.push(path);
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.isDirectory() && (SKIPPED_DIRS.has(entry.name) || entry.name === 'testing')) continue;
    if (entry.isFile() && isTest(entry.name)) continue;
    if (entry.isDirectory() || entry.isFile()) filesUnder(root, join(path, entry.name), out);
  }
}

/** SHA-256 over the input files' paths and contents, in a fixed order. */
export function sourceHash(paths, root = ROOT) {
  const files = [];
  for (const path of paths) filesUnder(root, path, files);
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(relative(root, join(root, file)).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when the build output was stamped with the hash its sources have now. */
export function isFresh({ paths, stamp }, root = ROOT) {
  const file = join(root, stamp);
  return existsSync(file) && readFileSync(file, 'utf8').trim() === sourceHash(paths, root);
}

export function writeStamp({ paths, stamp }, root = ROOT) {
  writeFileSync(join(root, stamp), `${sourceHash(paths, root)}\n`);
}

// `node scripts/build-stamp.mjs write <package>`: run by the package's build once its output is complete.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, name] = process.argv.slice(2);
  const inputs = INPUTS[name];
  if (command !== 'write' || !inputs) {
    console.error(`usage: node scripts/build-stamp.mjs write ${Object.keys(INPUTS).join('|')}`);
    process.exit(2);
  }
  writeStamp(inputs);
}
