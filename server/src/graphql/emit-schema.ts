import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printHazardLoopSchema } from './print-schema.js';
import { buildHazardLoopSchema } from './schema.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));

const printed = printHazardLoopSchema(await buildHazardLoopSchema());
if (process.argv.includes('--check')) {
  const committed = await readFile(SCHEMA_PATH, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema.graphql differs from what the code generates; run `pnpm schema` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  await writeFile(SCHEMA_PATH, printed);
  console.log(`wrote ${SCHEMA_PATH}`);
}
