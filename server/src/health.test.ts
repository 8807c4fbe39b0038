import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './testing/services.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

const dialects = await testDialects();

describe.each(dialects)('the health check and faults, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it('answers ok once the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('tells a client that something failed, but not what the database said, in production', async () => {
    const token = await server.login('director');
    const connection = server.app.orm.em.getConnection();
    await connection.execute('alter table hazard rename to hazard_gone');
    try {
      const result = await server.gql('{ hazards { totalCount } }', {}, token);
      const error = result.errors![0]!;
      expect(error.extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        messageKey: 'common.internal',
        messageParams: {},
      });
      expect(error.message).toMatch(/服务器出错/);
      expect(JSON.stringify(result)).not.toMatch(/hazard_gone|select|sqlite|relation/i);
    } finally {
      await connection.execute('alter table hazard_gone rename to hazard');
    }
  });
});
