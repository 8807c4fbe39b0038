import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { implausibilities } from '../testing/plausibility.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { ManualClock } from '../modules/common/clock.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { LoginEvent } from '../modules/enterprise/login-event.entity.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { PILOT_END } from './ruichang.seed.js';
import { incoherences } from './coherence.js';

const WINDOW_MS = 15 * 86_400_000;

/** The longest stretch without an event, from registration to the end of the pilot. */
function longestGap(from: Date, times: Date[]): number {
  let longest = 0;
  let last = from.getTime();
  for (const t of [...times.map((d) => d.getTime()).sort((a, b) => a - b), PILOT_END.getTime()]) {
    longest = Math.max(longest, t - last);
    last = t;
  }
  return longest;
}

describe('the Ruichang pilot as seeded', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      dialect: 'sqlite',
      env: { SEED: 'ruichang-2017' },
      clock: new ManualClock(PILOT_END),
    });
  });
  afterAll(() => server?.close());

  it('never leaves an enterprise 15 days without a login or a filing, as the report says (100% rates)', async () => {
    const em = server.app.orm.em.fork();
    const enterprises = await em.find(Enterprise, {});
    const logins = await em.find(LoginEvent, {});
    const hazards = await em.find(Hazard, {});
    expect(enterprises).toHaveLength(100);
    for (const enterprise of enterprises) {
      const loginTimes = logins.filter((l) => l.enterprise.id === enterprise.id).map((l) => l.at);
      const filingTimes = hazards.filter((h) => h.enterprise.id === enterprise.id).map((h) => h.filedAt);
      expect(longestGap(enterprise.registeredAt, loginTimes), `${enterprise.code} logins`).toBeLessThan(WINDOW_MS);
      expect(longestGap(enterprise.registeredAt, filingTimes), `${enterprise.code} filings`).toBeLessThan(WINDOW_MS);
    }
  });

  it('puts every enterprise under the department of its industry, and gives each hazard a title of its grade', async () => {
    expect(await incoherences(server.app.orm.em.fork())).toEqual([]);
    expect(await implausibilities(server)).toEqual([]);
  });
});
