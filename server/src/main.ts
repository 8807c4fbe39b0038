import { startApp } from './app.js';
import { EnvError, loadEnv } from './config/env.js';
import { log } from './config/log.js';

try {
  const env = loadEnv();
  const app = await startApp({ env });
  log.info(`HazardLoop is serving ${app.url} (GraphQL at ${app.url}/graphql, ${env.database.kind} database)`);
  const stop = async (signal: string) => {
    log.info(`${signal}: shutting down`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  log.error(
    error instanceof EnvError ? error.message : `HazardLoop could not start: ${(error as Error).stack ?? error}`,
  );
  process.exit(1);
}
