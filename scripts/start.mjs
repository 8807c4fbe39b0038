// `pnpm start`: builds what changed since its last build, then runs the server in the foreground.
// A stop by SIGINT or SIGTERM is a clean stop: the server closes and this exits 0.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { INPUTS, isFresh, ROOT } from './build-stamp.mjs';

for (const [name, inputs] of Object.entries(INPUTS)) {
  if (isFresh(inputs)) {
    console.log(`${name}: build is up to date, not rebuilt`);
    continue;
  }
  console.log(`${name}: sources changed since the last build, building`);
  const build = spawnSync('pnpm', ['--filter', `@hazardloop/${name}`, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
  cwd: join(ROOT, 'server'),
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV || 'production' },
  stdio: 'inherit',
});
// Ctrl-C reaches the server through the terminal too; a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
