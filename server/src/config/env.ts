import { createHash } from 'node:crypto';
import { parseDuration } from '../modules/common/duration.js';
import { isValidTimeZone } from '../modules/common/bureau-time.js';
import type { LogFormat } from './log.js';
import { DEFAULT_RISK_BANDS, parseRiskBands, type RiskBands } from '../modules/risk/risk-bands.js';
import {
  DEFAULT_INSPECTIONS_PER_YEAR,
  DEFAULT_SUPERVISION_RULES,
  parseInspectionsPerYear,
  parseSupervisionRules,
  type SupervisionClass,
  type SupervisionRule,
} from '../modules/supervision/supervision.rules.js';

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
  reminders: RemindersSettings;
  /** The risk register's settings (R14). */
  risk: { bands: RiskBands };
  /** Differentiated supervision (R15): the rule table, visits per class, the provincial cap. */
  supervision: {
    rules: SupervisionRule[];
    inspectionsPerYear: Record<SupervisionClass, number>;
    inspectionCap: number | null;
  };
  seed: SeedName;
  /** With SEED=none on a database without users: the first admin's password, to be changed at first sign-in (R12). */
  initialAdminPassword: string | null;
  /** Listen beyond loopback even though the database holds the demo accounts and their published password. */
  demoOnNetwork: boolean;
  fakeNow: Date | null;
  production: boolean;
  logSql: boolean;
  uploadDir: string;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client (login throttling counts per address). */
  trustProxy: string | false;
  /** `events(since)` replays at most this far back; older resumptions are refused with a pointer to hazards/stats. */
  replayHorizonMs: number;
  /** Log lines: JSON objects (production default) or one readable line each. */
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** Bearer token that may read `/metrics`; null: only loopback clients may. */
  metricsToken: string | null;
  /** At most `count` photos per user within `windowMs` (POST /uploads). */
  uploadRate: { count: number; windowMs: number };
  /** Photos not attached to a hazard this long after upload are removed by the timer leader. */
  unattachedPhotoTtlMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every setting with its default and meaning: the README's table and `.env.example` are made from this list. */
export const SETTINGS = [
  ['PORT', '4000', 'HTTP and WebSocket port'],
  ['HOST', '127.0.0.1', 'address to listen on'],
  ['DATABASE_URL', 'sqlite:data/hazardloop.sqlite', '`sqlite:<file>` (relative to server/) or `postgres://…`'],
  ['REDIS_URL', '', 'unset: in-process pub/sub; set: Redis pub/sub shared by several server processes'],
  [
    'REDIS_CHANNEL',
    'derived from DATABASE_URL',
    'Redis channel prefix; processes sharing a database must share it (the default does when they use the same DATABASE_URL)',
  ],
  ['BUREAU_TZ', 'Asia/Shanghai', 'the bureau\'s time zone for dates and "today"'],
  ['NO_LOGIN_WINDOW', '15d', 'no-login alert window (units s, m, h, d)'],
  ['NO_FILING_WINDOW', '15d', 'no-filing alert window'],
  ['BACKFILL_WINDOW', '7d', 'a discovery time older than this is accepted but flagged `backfilled`'],
  ['SESSION_TTL', '12h', 'how long a login token lives'],
  ['SNAPSHOT_AT', '08:00', 'daily snapshot time, bureau time'],
  [
    'WEBHOOK_URLS',
    '',
    'comma-separated webhook URLs for snapshots, dispatches and bulletins (a WeCom group robot URL gets its markdown and image messages)',
  ],
  [
    'BUREAU_NAME',
    '瑞昌市应急管理局',
    "the bureau's name, as the snapshot image, the chat messages and the printed exports title it",
  ],
  [
    'REMINDERS',
    'on',
    '`on`: the timer leader (the one process holding the PostgreSQL lock; with SQLite, the server) runs the reminder timers (daily snapshot, Monday dispatch, bulletin on the 1st and 16th, all at `SNAPSHOT_AT`) and resumes pending images and webhook messages; `off`: this process never runs them (tests drive `tick()`)',
  ],
  [
    'CHROMIUM_PATH',
    '/usr/bin/chromium',
    'the Chromium that renders the snapshot image and the PDF exports (`apt-get install chromium fonts-noto-cjk`); missing: the image is marked unavailable, a PDF export answers 503',
  ],
  [
    'PUBLIC_URL',
    '',
    'base of the links in webhook messages, e.g. `https://hazards.example.gov.cn`; unset: the listening address',
  ],
  [
    'LINK_SECRET',
    '',
    'key (32+ characters) that signs snapshot image links; unset: a random key per process (set it when running several)',
  ],
  ['SNAPSHOT_LINK_TTL', '24h', 'how long a signed snapshot image link stays valid'],
  ['WEBHOOK_ATTEMPTS', '5', 'attempts per webhook message before it is logged as failed'],
  ['WEBHOOK_BACKOFF', '2s', 'wait before the first retry; each further retry waits twice as long'],
  [
    'BULLETIN_CRITERIA',
    'no_login,no_filing,overdue,discrepancy,checks_missed',
    'what names an enterprise in the semi-monthly bulletin (stated in the bulletin)',
  ],
  ['BULLETIN_MIN_OVERDUE', '1', 'overdue hazards in the period that name an enterprise in the bulletin'],
  [
    'BULLETIN_MIN_MISSED_CHECKS',
    '3',
    'check tasks missed in the period (R14) that name an enterprise in the bulletin (criterion `checks_missed`)',
  ],
  [
    'RISK_BANDS',
    'MAJOR:20,HIGH:15,MEDIUM:9',
    'lowest LS score (likelihood × severity) of each risk colour: red 重大, orange 较大, yellow 一般; below MEDIUM is blue 低',
  ],
  [
    'SUPERVISION_RULES',
    'risk=MAJOR:D,penalty>=1:D,suspension>=1:D,risk=HIGH:C,falseRectification>=1:C,overdue>=3:C,keyTarget:C,risk=MEDIUM:B,overdue>=1:B,discrepancy>=1:B',
    'the supervision class rule table (R15): an enterprise takes the strictest class among the rules that hold over its risk level and its last 12 months (overdue, discrepancy, falseRectification, penalty, suspension, keyTarget); none: A',
  ],
  ['INSPECTIONS_PER_YEAR', 'A:1,B:2,C:4,D:12', 'recommended on-site inspections a year per supervision class'],
  ['INSPECTION_CAP', '', 'at most this many on-site inspections a year per enterprise (a provincial cap); unset: none'],
  ['SEED', 'demo', '`demo`, `ruichang-2017` or `none`; applied only to an empty database'],
  [
    'INITIAL_ADMIN_PASSWORD',
    '',
    'with `SEED=none` on a database without users: creates the account `admin` with this password, to be changed at first sign-in; required then',
  ],
  [
    'DEMO_ON_NETWORK',
    '0',
    '`1` lets a server whose database holds the demo accounts (published password) listen on an address other than loopback',
  ],
  ['FAKE_NOW', '', 'an ISO instant: the server clock starts there and runs on'],
  ['NODE_ENV', 'production (pnpm start)', '`production` hides internal error details from clients'],
  ['LOG_SQL', '0', '`1` logs every SQL statement'],
  ['UPLOAD_DIR', 'data/uploads', 'where uploaded photos are kept (relative to server/)'],
  [
    'TRUST_PROXY',
    '',
    "unset: the client address is the socket's; behind a reverse proxy, its address or `loopback` (Express `trust proxy`) so that sign-in throttling counts per real client",
  ],
  [
    'REPLAY_HORIZON',
    '7d',
    '`events(since)` replays at most this far back; an older `since` is refused (read `hazards` or `stats` instead)',
  ],
  [
    'LOG_FORMAT',
    'json in production, pretty otherwise',
    '`json`: one JSON object per line (for a log shipper); `pretty`: one readable line per entry',
  ],
  ['LOG_LEVEL', 'info', '`error`, `warn`, `info` (one line per request), `debug` or `trace`'],
  [
    'METRICS_TOKEN',
    '',
    'unset: `/metrics` answers loopback clients only; set (16+ characters): it answers whoever sends `Authorization: Bearer <token>`, from anywhere',
  ],
  [
    'UPLOAD_RATE',
    '60/1h',
    'at most this many photos per user within the window (`count/duration`); more are refused with 429 `RATE_LIMITED`',
  ],
  [
    'UNATTACHED_PHOTO_TTL',
    '24h',
    'a photo not attached to a hazard this long after upload is removed (files and row) by the timer leader',
  ],
] as const;

/** What the failures a semi-monthly bulletin names are (R11); each is stated in the bulletin. */
export type BulletinCriterion = 'no_login' | 'no_filing' | 'overdue' | 'discrepancy' | 'checks_missed';
export const BULLETIN_CRITERIA: readonly BulletinCriterion[] = [
  'no_login',
  'no_filing',
  'overdue',
  'discrepancy',
  'checks_missed',
];

export interface RemindersSettings {
  /** The bureau's name as the snapshot image and the chat messages title it. */
  bureauName: string;
  /** This process runs the reminder timers (snapshot, dispatch, bulletin); with several processes only the timer leader does. */
  timers: boolean;
  chromiumPath: string;
  /** Base of the links put into webhook messages; null: the address the server listens on. */
  publicUrl: string | null;
  /** HMAC key of signed image links; null: a random key per process (links then verify only on that process). */
  linkSecret: string | null;
  linkTtlMs: number;
  webhookAttempts: number;
  /** The first retry waits this long; each further retry waits twice as long. */
  webhookBackoffMs: number;
  bulletinCriteria: BulletinCriterion[];
  /** An enterprise is named for overdue hazards when it has at least this many in the period. */
  bulletinMinOverdue: number;
  /** Check tasks missed in the period that name an enterprise (criterion `checks_missed`). */
  bulletinMinMissedChecks: number;
}

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
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number (got "${source.PORT}")`);

  const databaseUrl = get('DATABASE_URL', 'sqlite:data/hazardloop.sqlite');
  let kind: DatabaseKind = 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) kind = 'postgresql';
  else if (!databaseUrl.startsWith('sqlite:'))
    problems.push(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);

  const bureauTz = get('BUREAU_TZ', 'Asia/Shanghai');
  if (!isValidTimeZone(bureauTz))
    problems.push(`BUREAU_TZ must be an IANA time zone such as Asia/Shanghai (got "${bureauTz}")`);

  const snapshotAt = get('SNAPSHOT_AT', '08:00');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(snapshotAt)) problems.push(`SNAPSHOT_AT must be HH:MM (got "${snapshotAt}")`);

  const webhookUrls = get('WEBHOOK_URLS', '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of webhookUrls) {
    if (!/^https?:\/\//.test(url))
      problems.push(`WEBHOOK_URLS holds an entry that is not an http(s) URL (#${webhookUrls.indexOf(url) + 1})`);
  }

  const reminders = readReminders(get, duration, problems);

  const bands = parseRiskBands(get('RISK_BANDS', 'MAJOR:20,HIGH:15,MEDIUM:9'));
  if (typeof bands === 'string') problems.push(bands);

  const rules = parseSupervisionRules(get('SUPERVISION_RULES', DEFAULT_SUPERVISION_RULES));
  if (typeof rules === 'string') problems.push(rules);
  const perYear = parseInspectionsPerYear(get('INSPECTIONS_PER_YEAR', DEFAULT_INSPECTIONS_PER_YEAR));
  if (typeof perYear === 'string') problems.push(perYear);
  const capText = get('INSPECTION_CAP', '');
  const cap = capText === '' ? null : Number(capText);
  if (cap !== null && (!Number.isInteger(cap) || cap < 0))
    problems.push(`INSPECTION_CAP must be a whole number of visits a year (got "${capText}")`);

  const seed = get('SEED', 'demo');
  if (seed !== 'demo' && seed !== 'ruichang-2017' && seed !== 'none')
    problems.push(`SEED must be demo, ruichang-2017 or none (got "${seed}")`);

  // Not trimmed: a password may begin or end with a space on purpose.
  const initialAdminPassword = source.INITIAL_ADMIN_PASSWORD ? source.INITIAL_ADMIN_PASSWORD : null;
  if (initialAdminPassword !== null && initialAdminPassword.length < 10)
    problems.push('INITIAL_ADMIN_PASSWORD must be at least 10 characters long');

  const demoOnNetwork = get('DEMO_ON_NETWORK', '0');
  if (demoOnNetwork !== '0' && demoOnNetwork !== '1')
    problems.push(`DEMO_ON_NETWORK must be 0 or 1 (got "${demoOnNetwork}")`);

  let fakeNow: Date | null = null;
  if (source.FAKE_NOW?.trim()) {
    fakeNow = new Date(source.FAKE_NOW.trim());
    if (Number.isNaN(fakeNow.getTime()))
      problems.push(`FAKE_NOW must be an ISO instant such as 2017-04-09T12:00:00+08:00 (got "${source.FAKE_NOW}")`);
  }

  const redisUrl = get('REDIS_URL', '');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push(`REDIS_URL must start with redis:// (got "${redisUrl}")`);

  const production = get('NODE_ENV', 'development') === 'production';
  const logFormat = get('LOG_FORMAT', production ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty')
    problems.push(`LOG_FORMAT must be json or pretty (got "${logFormat}")`);
  const logLevel = get('LOG_LEVEL', 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const metricsToken = get('METRICS_TOKEN', '');
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters long');
  const uploadRate = /^(\d+)\s*\/\s*(\S+)$/.exec(get('UPLOAD_RATE', '60/1h'));
  const uploadWindowMs = uploadRate ? parseDuration(uploadRate[2]!) : null;
  if (!uploadRate || !uploadWindowMs || Number(uploadRate[1]) < 1)
    problems.push(`UPLOAD_RATE must be a count and a duration such as 60/1h (got "${source.UPLOAD_RATE}")`);

  const env: Env = {
    port,
    host: get('HOST', '127.0.0.1'),
    database: { kind, url: databaseUrl },
    redisUrl: redisUrl || null,
    redisChannel:
      get('REDIS_CHANNEL', '') || `hazardloop:${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}`,
    bureauTz,
    noLoginWindowMs: duration('NO_LOGIN_WINDOW', '15d'),
    noFilingWindowMs: duration('NO_FILING_WINDOW', '15d'),
    backfillWindowMs: duration('BACKFILL_WINDOW', '7d'),
    sessionTtlMs: duration('SESSION_TTL', '12h'),
    snapshotAt,
    webhookUrls,
    reminders,
    risk: { bands: typeof bands === 'string' ? DEFAULT_RISK_BANDS : bands },
    supervision: {
      rules: typeof rules === 'string' ? [] : rules,
      inspectionsPerYear: typeof perYear === 'string' ? { A: 1, B: 2, C: 4, D: 12 } : perYear,
      inspectionCap: cap,
    },
    seed: seed as SeedName,
    initialAdminPassword,
    demoOnNetwork: demoOnNetwork === '1',
    fakeNow,
    production,
    logSql: get('LOG_SQL', '0') === '1',
    uploadDir: get('UPLOAD_DIR', 'data/uploads'),
    trustProxy: get('TRUST_PROXY', '') || false,
    replayHorizonMs: duration('REPLAY_HORIZON', '7d'),
    logFormat: logFormat as LogFormat,
    logLevel: logLevel as LogLevel,
    metricsToken: metricsToken || null,
    uploadRate: { count: Number(uploadRate?.[1] ?? 60), windowMs: uploadWindowMs ?? 3_600_000 },
    unattachedPhotoTtlMs: duration('UNATTACHED_PHOTO_TTL', '24h'),
  };
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}

function readReminders(
  get: (name: string, fallback: string) => string,
  duration: (name: string, fallback: string) => number,
  problems: string[],
): RemindersSettings {
  const timers = get('REMINDERS', 'on');
  if (timers !== 'on' && timers !== 'off') problems.push(`REMINDERS must be on or off (got "${timers}")`);

  const publicUrl = get('PUBLIC_URL', '').replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl))
    problems.push(`PUBLIC_URL must be an http(s) URL such as https://hazards.example.gov.cn (got "${publicUrl}")`);

  const linkSecret = get('LINK_SECRET', '');
  if (linkSecret && linkSecret.length < 32) problems.push('LINK_SECRET must be at least 32 characters long');

  const attempts = Number(get('WEBHOOK_ATTEMPTS', '5'));
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20)
    problems.push(`WEBHOOK_ATTEMPTS must be a whole number from 1 to 20 (got "${get('WEBHOOK_ATTEMPTS', '5')}")`);

  const criteria = get('BULLETIN_CRITERIA', BULLETIN_CRITERIA.join(','))
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  const unknown = criteria.filter((c) => !(BULLETIN_CRITERIA as readonly string[]).includes(c));
  if (unknown.length > 0 || criteria.length === 0)
    problems.push(
      `BULLETIN_CRITERIA must list some of ${BULLETIN_CRITERIA.join(', ')} (got "${get('BULLETIN_CRITERIA', '')}")`,
    );

  const minOverdue = Number(get('BULLETIN_MIN_OVERDUE', '1'));
  if (!Number.isInteger(minOverdue) || minOverdue < 1)
    problems.push(
      `BULLETIN_MIN_OVERDUE must be a whole number of at least 1 (got "${get('BULLETIN_MIN_OVERDUE', '1')}")`,
    );

  const minMissed = Number(get('BULLETIN_MIN_MISSED_CHECKS', '3'));
  if (!Number.isInteger(minMissed) || minMissed < 1)
    problems.push(
      `BULLETIN_MIN_MISSED_CHECKS must be a whole number of at least 1 (got "${get('BULLETIN_MIN_MISSED_CHECKS', '3')}")`,
    );

  return {
    bureauName: get('BUREAU_NAME', '瑞昌市应急管理局'),
    timers: timers !== 'off',
    chromiumPath: get('CHROMIUM_PATH', '/usr/bin/chromium'),
    publicUrl: publicUrl || null,
    linkSecret: linkSecret || null,
    linkTtlMs: duration('SNAPSHOT_LINK_TTL', '24h'),
    webhookAttempts: attempts,
    webhookBackoffMs: duration('WEBHOOK_BACKOFF', '2s'),
    bulletinCriteria: [...new Set(criteria)] as BulletinCriterion[],
    bulletinMinOverdue: minOverdue,
    bulletinMinMissedChecks: minMissed,
  };
}
