import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.js';

describe('reading the settings', () => {
  it('uses the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', url: 'sqlite:data/hazardloop.sqlite' },
      redisUrl: null,
      bureauTz: 'Asia/Shanghai',
      noLoginWindowMs: 15 * 86_400_000,
      noFilingWindowMs: 15 * 86_400_000,
      backfillWindowMs: 7 * 86_400_000,
      snapshotAt: '08:00',
      webhookUrls: [],
      seed: 'demo',
      fakeNow: null,
      production: false,
    });
  });

  it('accepts s, m, h and d windows and a PostgreSQL URL', () => {
    const env = loadEnv({
      NO_LOGIN_WINDOW: '10s',
      NO_FILING_WINDOW: '2h',
      BACKFILL_WINDOW: '30m',
      DATABASE_URL: 'postgres://u@h/db',
      FAKE_NOW: '2017-04-09T12:00:00+08:00',
    });
    expect(env.noLoginWindowMs).toBe(10_000);
    expect(env.noFilingWindowMs).toBe(7_200_000);
    expect(env.backfillWindowMs).toBe(1_800_000);
    expect(env.database.kind).toBe('postgresql');
    expect(env.fakeNow?.toISOString()).toBe('2017-04-09T04:00:00.000Z');
  });

  it('names every bad setting at once and stops', () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: 'eighty',
        NO_LOGIN_WINDOW: '15 days',
        BUREAU_TZ: 'Mars/Olympus',
        SEED: 'everything',
        SNAPSHOT_AT: '8am',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.join('\n');
    for (const name of ['PORT', 'NO_LOGIN_WINDOW', 'BUREAU_TZ', 'SEED', 'SNAPSHOT_AT'])
      expect(problems).toContain(name);
  });
});
