import { createHash } from 'node:crypto';
import { parseDuration } from '../modules/common/duration.js';
import { isValidTimeZone } from '../modules/common/bureau-time.js';

export type SeedName = 'demo' | 'ruichang-2017' | 'none';
export type DatabaseKind = 'sqlite' | 'postgresql';

export interface Env {
  port: number;
  host: string;
  database: { kind: DatabaseKind; url: string };
  redisUrl: string | null;
  /** Redis channel prefix shared by the processes of one installation (default: derived from DATABASE_URL). */
  redisChannel: string;
  bureauTz: string;
  noLoginWindowMs: number;
  noFilingWindowMs: number;
  backfillWindowMs: number;
  sessionTtlMs: number;
  snapshotAt: string;
  webhookUrls: string[];
  seed: SeedName;
  fakeNow: Date | null;
  production: boolean;
  logSql: boolean;
  uploadDir: string;
}

/** Every setting with its default and meaning: the README's table and `.env.example` are made from this list. */
export const SETTINGS = [
  ['PORT', '4000', 'HTTP and WebSocket port'],
  ['HOST', '127.0.0.1', 'address to listen on'],
  ['DATABASE_URL', 'sqlite:data/hazardloop.sqlite', '`sqlite:<file>` (relative to server/) or `postgres://…`'],
  ['REDIS_URL', '', 'unset: in-process pub/sub; set: Redis pub/sub shared by several server processes'],
  ['REDIS_CHANNEL', 'derived from DATABASE_URL', 'Redis channel prefix; processes sharing a database must share it (the default does when they use the same DATABASE_URL)'],
  ['BUREAU_TZ', 'Asia/Shanghai', "the bureau's time zone for dates and \"today\""],
  ['NO_LOGIN_WINDOW', '15d', 'no-login alert window (units s, m, h, d)'],
  ['NO_FILING_WINDOW', '15d', 'no-filing alert window'],
  ['BACKFILL_WINDOW', '7d', 'a discovery time older than this is accepted but flagged `backfilled`'],
  ['SESSION_TTL', '12h', 'how long a login token lives'],
  ['SNAPSHOT_AT', '08:00', 'daily snapshot time, bureau time'],
  ['WEBHOOK_URLS', '', 'comma-separated webhook URLs for snapshots and bulletins'],
  ['SEED', 'demo', '`demo`, `ruichang-2017` or `none`; applied only to an empty database'],
  ['FAKE_NOW', '', 'an ISO instant: the server clock starts there and runs on'],
  ['NODE_ENV', 'production (pnpm start)', '`production` hides internal error details from clients'],
  ['LOG_SQL', '0', '`1` logs every SQL statement'],
  ['UPLOAD_DIR', 'data/uploads', 'where uploaded photos are kept (relative to server/)'],
] as const;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`HazardLoop cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Source = Record<string, string | undefined>;

/** Reads and validates every setting at once, naming each bad one; nothing else reads `process.env`. */
export function loadEnv(source: Source = process.env): Env {
  const problems: string[] = [];
  const get = (name: string, fallback: string): string => {
    const value = source[name];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };
  const duration = (name: string, fallback: string): number => {
    const ms = parseDuration(get(name, fallback));
    if (ms === null) problems.push(`${name} must be a duration such as 15d, 12h, 30m or 10s (got "${source[name]}")`);
    return ms ?? 0;
  };

  const port = Number(get('PORT', '4000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (got "${source.PORT}")`);

  const databaseUrl = get('DATABASE_URL', 'sqlite:data/hazardloop.sqlite');
  let kind: DatabaseKind = 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) kind = 'postgresql';
  else if (!databaseUrl.startsWith('sqlite:')) problems.push(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);

  const bureauTz = get('BUREAU_TZ', 'Asia/Shanghai');
  if (!isValidTimeZone(bureauTz)) problems.push(`BUREAU_TZ must be an IANA time zone such as Asia/Shanghai (got "${bureauTz}")`);

  const snapshotAt = get('SNAPSHOT_AT', '08:00');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(snapshotAt)) problems.push(`SNAPSHOT_AT must be HH:MM (got "${snapshotAt}")`);

  const webhookUrls = get('WEBHOOK_URLS', '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const url of webhookUrls) {
    if (!/^https?:\/\//.test(url)) problems.push(`WEBHOOK_URLS holds an entry that is not an http(s) URL (#${webhookUrls.indexOf(url) + 1})`);
  }

  const seed = get('SEED', 'demo');
  if (seed !== 'demo' && seed !== 'ruichang-2017' && seed !== 'none') problems.push(`SEED must be demo, ruichang-2017 or none (got "${seed}")`);

  let fakeNow: Date | null = null;
  if (source.FAKE_NOW?.trim()) {
    fakeNow = new Date(source.FAKE_NOW.trim());
    if (Number.isNaN(fakeNow.getTime())) problems.push(`FAKE_NOW must be an ISO instant such as 2017-04-09T12:00:00+08:00 (got "${source.FAKE_NOW}")`);
  }

  const redisUrl = get('REDIS_URL', '');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// (got "${redisUrl}")`);

  const env: Env = {
    port,
    host: get('HOST', '127.0.0.1'),
    database: { kind, url: databaseUrl },
    redisUrl: redisUrl || null,
    redisChannel: get('REDIS_CHANNEL', '') || `hazardloop:${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}`,
    bureauTz,
    noLoginWindowMs: duration('NO_LOGIN_WINDOW', '15d'),
    noFilingWindowMs: duration('NO_FILING_WINDOW', '15d'),
    backfillWindowMs: duration('BACKFILL_WINDOW', '7d'),
    sessionTtlMs: duration('SESSION_TTL', '12h'),
    snapshotAt,
    webhookUrls,
    seed: seed as SeedName,
    fakeNow,
    production: get('NODE_ENV', 'development') === 'production',
    logSql: get('LOG_SQL', '0') === '1',
    uploadDir: get('UPLOAD_DIR', 'data/uploads'),
  };
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}
