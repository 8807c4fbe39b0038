import { startApp } from './app.js';
import { EnvError, loadEnv } from './config/env.js';
import { log } from './config/log.js';

try {
  const env = loadEnv();
  const app = await startApp({ env });
  log.info(`HazardLoop is serving ${app.url} (GraphQL at ${app.url}/graphql, ${env.database.kind} database)`);
  // A stop asked for is a clean stop: exit 0 once closed. Ctrl-C may arrive twice (from the terminal
  // and from `pnpm start` passing it on); the second must not kill the close half-way.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  log.error(
    error instanceof EnvError ? error.message : `HazardLoop could not start: ${(error as Error).stack ?? error}`,
  );
  process.exit(1);
}
