import { format } from 'node:util';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * Keys whose values never reach a log line, wherever they sit: a bearer token, a password, a
 * kiosk or link secret. Request lines carry no body and no query string in the first place
 * (ops/request-log.ts); this is the second lock.
 */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'authorization',
  'cookie',
  'secret',
  'linkSecret',
  'initialAdminPassword',
];
const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

function makeLogger(kind: LogFormat, level: string): Logger {
  const options = {
    level,
    base: { service: 'hazardloop' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Synchronous writes: a line written just before a crash or kill -9 is still on stdout.
  if (kind === 'pretty')
    return pino(options, pretty({ sync: true, colorize: false, ignore: 'pid,hostname,service', singleLine: true }));
  // "level":"info" rather than pino's 30: what a log shipper and a person grepping both expect.
  return pino(
    { ...options, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ fd: 1, sync: true }),
  );
}

let logger = makeLogger('pretty', 'info');
let wantedLevel = 'info';
let quiet = false;

/** Splits `log.x(message, ...rest)` as the callers write it into pino's (object, message). */
function write(level: 'info' | 'warn' | 'error', message: string, rest: unknown[]): void {
  const error = rest.find((item): item is Error => item instanceof Error);
  const others = rest.filter((item) => item !== error);
  const text = others.length ? `${message} ${format(...others)}` : message;
  if (error) logger[level]({ err: error }, text);
  else logger[level](text);
}

/**
 * The server's one voice, through pino: JSON lines in production (one object per line, with the
 * level, time and message), one readable line per entry in development. `configureLog(env)` picks
 * the format and level at start-up; the test harness sets `quiet`, which keeps only errors.
 */
export const log = {
  get quiet(): boolean {
    return quiet;
  },
  set quiet(value: boolean) {
    quiet = value;
    logger.level = value ? 'error' : wantedLevel;
  },
  /** The pino logger itself, for the per-request lines (pino-http). */
  get pino(): Logger {
    return logger;
  },
  info(message: string, ...rest: unknown[]) {
    write('info', message, rest);
  },
  warn(message: string, ...rest: unknown[]) {
    write('warn', message, rest);
  },
  error(message: string, ...rest: unknown[]) {
    write('error', message, rest);
  },
};

/** Called once the settings are read: LOG_FORMAT (json in production) and LOG_LEVEL. */
export function configureLog(settings: { logFormat: LogFormat; logLevel: string }): void {
  wantedLevel = settings.logLevel;
  logger = makeLogger(settings.logFormat, quiet ? 'error' : wantedLevel);
}
