import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/databases.js';
import { ServerProcess } from '../../server/src/testing/server-process.js';
import { testDialects } from '../../server/src/testing/services.js';

const dialects = await testDialects();
const WRITERS = 8;
const ROUNDS = 2;
const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`;

describe.each(dialects)('kill -9 under eight writers with idempotency keys, on %s', (dialect) => {
  let db: TestDatabase;
  let uploads: string;
  let server: ServerProcess;
  let url: string;
  const start = async (round: number) => {
    server = new ServerProcess(`kill round ${round} ${dialect}`, {
      DATABASE_URL: db.url,
      UPLOAD_DIR: uploads,
      REMINDERS: 'off',
    });
    url = await server.url;
  };
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    uploads = await mkdtemp(join(tmpdir(), 'hl-kill-'));
    await start(0);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(uploads, { recursive: true, force: true });
    await db?.drop();
  });

  it('keeps every acknowledged filing exactly once and the audit chain valid', async () => {
    const tokens = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => server.login(`e${String(i + 1).padStart(3, '0')}`)),
    );
    const acknowledged = new Map<string, string>();
    let stopping = false;
    let refusals = 0;
    let resent = 0;
    /** One phone's outbox: a key is resent, to whichever process now listens, until it is acknowledged. */
    const writer = async (w: number) => {
      for (let n = 0; !stopping; n++) {
        const key = `k9-${dialect}-${w}-${n}`;
        const input = { title: key, grade: 'THIRD', rectifiedOnSpot: true, measures: '已整改', idempotencyKey: key };
        for (;;) {
          try {
            const response = await fetch(`${url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[w]}` },
              body: JSON.stringify({ query: FILE, variables: { input } }),
              signal: AbortSignal.timeout(20_000),
            });
            const body = (await response.json()) as { data?: { fileHazard: { id: string } }; errors?: unknown[] };
            if (body.data?.fileHazard) {
              const earlier = acknowledged.get(key);
              if (earlier) expect(body.data.fileHazard.id).toBe(earlier);
              acknowledged.set(key, body.data.fileHazard.id);
              break;
            }
            refusals++;
            throw new Error(`refused: ${JSON.stringify(body.errors)}`);
          } catch (error) {
            if (String(error).includes('refused:')) throw error;
            // The process is gone (or not yet back): resend the same key.
            resent++;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }
    };
    const running = Array.from({ length: WRITERS }, (_, w) => writer(w));
    for (let round = 1; round <= ROUNDS; round++) {
      const before = acknowledged.size;
      while (acknowledged.size < before + 40) await new Promise((resolve) => setTimeout(resolve, 50));
      await server.kill();
      await start(round);
    }
    const atLastKill = acknowledged.size;
    while (acknowledged.size < atLastKill + 16) await new Promise((resolve) => setTimeout(resolve, 50));
    stopping = true;
    await Promise.all(running);
    expect(refusals).toBe(0);
    // Each writer always has a filing in flight: every kill caught some unanswered.
    expect(resent).toBeGreaterThan(0);

    const analyst = await server.login('analyst');
    const found = await server.gql(
      `query($s: String) { hazards(first: 1, filter: { search: $s }) { totalCount } }`,
      { s: `k9-${dialect}-` },
      analyst,
    );
    expect(found.errors).toBeUndefined();
    expect(found.data.hazards.totalCount).toBe(acknowledged.size);
    expect(new Set(acknowledged.values()).size).toBe(acknowledged.size);
    const chain = await server.gql('{ auditChain { valid } }', {}, analyst);
    expect(chain).toEqual({ data: { auditChain: { valid: true } } });
  });
});
