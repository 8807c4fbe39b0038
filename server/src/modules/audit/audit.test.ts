import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const CHAIN = `{ auditChain { valid length firstBrokenSeq } }`;

describe.each(dialects)('the tamper-evident history (R7), on %s', (dialect) => {
  let server: TestServer;
  const sql = (query: string, params: unknown[] = []) =>
    server.app.orm.em.fork().getConnection().execute(query, params);
  const chain = async () => (await server.gql(CHAIN, {}, await server.login('director'))).data!.auditChain;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it('is valid after the demo seed and after concurrent writers, with seq contiguous', async () => {
    expect(await chain()).toMatchObject({ valid: true, firstBrokenSeq: null });
    const before = (await chain()).length;
    const token = await server.login('director');
    const ids = (
      await server.gql(`{ enterprises(first: 20) { edges { node { id } } } }`, {}, token)
    ).data!.enterprises.edges.map((e: any) => e.node.id);
    const results = await Promise.all(
      ids.map((enterpriseId: string, i: number) =>
        server.gql(
          `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`,
          { input: { enterpriseId, title: `并发写入 ${i}`, grade: 'THIRD', rectifiedOnSpot: true } },
          token,
        ),
      ),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(await chain()).toEqual({ valid: true, length: before + 20, firstBrokenSeq: null });
    const [{ count, max, forks }] = await sql(
      'select count(*) as count, max(seq) as max, count(*) - count(distinct prev_hash) as forks from audit_entry',
    );
    expect(Number(count)).toBe(Number(max));
    expect(Number(forks)).toBe(0);
    const [events] = await sql('select count(*) as count, max(seq) as max from event_log');
    expect(Number(events.count)).toBe(Number(events.max));
  });

  // Each tampering is earlier in the chain than the one before, so the first broken entry is always the latest one.
  it('names the first broken entry after a direct edit', async () => {
    const { length } = await chain();
    await sql(`update audit_entry set data = '{"title":"篡改"}' where seq = ?`, [length - 1]);
    expect(await chain()).toMatchObject({ valid: false, firstBrokenSeq: length - 1 });
  });

  it('names the first broken entry after a deletion', async () => {
    const { length } = await chain();
    await sql('delete from audit_entry where seq = ?', [length - 50]);
    expect(await chain()).toMatchObject({ valid: false, firstBrokenSeq: length - 50 });
  });

  it('names the first broken entry after two entries swap places', async () => {
    await sql('update audit_entry set seq = -1 where seq = 100');
    await sql('update audit_entry set seq = 100 where seq = 101');
    await sql('update audit_entry set seq = 101 where seq = -1');
    expect(await chain()).toMatchObject({ valid: false, firstBrokenSeq: 100 });
  });

  it('names the first broken entry after its actor or action is changed', async () => {
    await sql('update audit_entry set actor_id = null where seq = 50');
    expect(await chain()).toMatchObject({ valid: false, firstBrokenSeq: 50 });
    await sql(`update audit_entry set action = 'hazard.closed', subject_id = 'x' where seq = 40`);
    expect(await chain()).toMatchObject({ valid: false, firstBrokenSeq: 40 });
  });
});
