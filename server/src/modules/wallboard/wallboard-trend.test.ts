import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();
const TREND = `{ wallboard { bureauWide trend(days: 7) { date filed closed } } }`;

describe.each(dialects)('the wallboard trend, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  const today = async (user: string) => {
    const result = await server.gql(TREND, {}, await server.login(user));
    expect(result.errors).toBeUndefined();
    const days = result.data!.wallboard.trend as Array<{ date: string; filed: number }>;
    expect(days).toHaveLength(7);
    return { filed: days.at(-1)!.filed, bureauWide: result.data!.wallboard.bureauWide as boolean };
  };

  it('counts a hazard filed today for the department that sees it, and only there', async () => {
    const [chief1, chief2] = [await today('chief1'), await today('chief2')];
    await fileWithPlan(server, 'e001', { grade: 'THIRD' });
    expect((await today('chief1')).filed).toBe(chief1.filed + 1);
    expect((await today('chief2')).filed).toBe(chief2.filed);
    expect(chief1.bureauWide).toBe(false);
    expect((await today('director')).bureauWide).toBe(true);
  });

  it('refuses a trend longer than 90 days', async () => {
    const result = await server.gql(`{ wallboard { trend(days: 400) { date } } }`, {}, await server.login('director'));
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });
});
