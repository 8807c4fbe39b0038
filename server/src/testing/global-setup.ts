import { dropStaleTestDatabases, postgresAnswers } from './databases.js';

/** Once per run: clear test databases that an interrupted run left behind. */
export async function setup(): Promise<void> {
  if (await postgresAnswers()) await dropStaleTestDatabases();
}
