import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

describe('operations too large to answer', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    token = await server.login('analyst');
  });
  afterAll(() => server?.close());

  /** hazards → (enterprise → hazards) × levels → enterprise.code: 4 levels per round trip, plus 5. */
  const nest = (levels: number) => {
    let inner = 'enterprise { code }';
    for (let i = 0; i < levels; i++) inner = `enterprise { hazards(first: 1) { edges { node { ${inner} } } } }`;
    return `{ hazards(first: 1) { edges { node { ${inner} } } } }`;
  };

  it('refuses a query nested deeper than twelve levels, before running it', async () => {
    const result = await server.gql(nest(3), {}, token);
    expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0]!.message).toMatch(/levels deep/);
    expect(result.data).toBeUndefined();
  });

  it('answers the same shape two levels shallower', async () => {
    const result = await server.gql(nest(1), {}, token);
    expect(result.errors).toBeUndefined();
  });

  it('refuses three nested full pages, and allows two', async () => {
    const three = `{ enterprises(first: 200) { edges { node { hazards(first: 200) { edges { node { enterprise { hazards(first: 200) { totalCount } } } } } } } } }`;
    const refused = await server.gql(three, {}, token);
    expect(refused.errors![0]!.message).toMatch(/records/);
    const two = `{ enterprises(first: 10) { edges { node { hazards(first: 200) { totalCount } } } } }`;
    expect((await server.gql(two, {}, token)).errors).toBeUndefined();
  });

  it('always answers introspection, however deep', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const result = await server.gql(getIntrospectionQuery(), {}, null);
    expect(result.errors).toBeUndefined();
    expect(result.data!.__schema.queryType.name).toBe('Query');
  });
});
