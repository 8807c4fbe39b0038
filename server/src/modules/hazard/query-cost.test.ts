import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const PAGE = `query($first: Int!) { hazards(first: $first) { totalCount edges { node { title overdue enterprise { name township { name } department { name leader { displayName } } } } } } }`;

describe.each(dialects)('what a page of hazards costs in SQL, on %s', (dialect) => {
  let server: TestServer;
  let statements = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    server.app.orm.em
      .getConnection()
      .getKnex()
      .on('query', () => void statements++);
  });
  afterAll(() => server?.close());

  const cost = async (first: number) => {
    const token = await server.login('director');
    statements = 0;
    const result = await server.gql(PAGE, { first }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.hazards.edges).toHaveLength(first);
    return statements;
  };

  it('is a small constant number of statements, whatever the page size', async () => {
    const ten = await cost(10);
    const hundred = await cost(100);
    const twoHundred = await cost(200);
    expect(hundred).toBe(ten);
    expect(twoHundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(8);
  });

  it('asks for the alerts of a whole page of enterprises in one statement', async () => {
    const token = await server.login('director');
    const count = async (first: number) => {
      statements = 0;
      const result = await server.gql(
        `query($first: Int!) { enterprises(first: $first) { edges { node { code alerts { kind since } } } } }`,
        { first },
        token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.enterprises.edges).toHaveLength(first);
      return statements;
    };
    const ten = await count(10);
    expect(await count(100)).toBe(ten);
  });
});
