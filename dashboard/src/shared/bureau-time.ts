import { bureauTimeZone } from './server-clock.js';

/**
 * Every date and time the dashboard shows or sends goes through this module, so that they are all
 * in the bureau's time zone (R1, served by the server as `serverClock.timeZone`) whatever the zone
 * of the device showing them.
 */

const DAY_MS = 86_400_000;

type Instant = string | number | Date;

function toDate(value: Instant): Date {
  return value instanceof Date ? value : new Date(value);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone: building one is slow, and the zone is known only once the server answers. */
function partsFormatter(): Intl.DateTimeFormat {
  const timeZone = bureauTimeZone();
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function wallParts(value: Instant): WallParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter().formatToParts(toDate(value))) parts[part.type] = part.value;
  return parts as unknown as WallParts;
}

/** The bureau calendar date of an instant, `YYYY-MM-DD`. */
export function bureauDate(value: Instant): string {
  const p = wallParts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD HH:mm` in bureau time. */
export function formatDateTime(value: Instant | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const p = wallParts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD` in bureau time. */
export function formatDate(value: Instant | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return bureauDate(value);
}

/** `HH:mm:ss` in bureau time. */
export function formatTime(value: Instant): string {
  const p = wallParts(value);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** `MM-DD` in bureau time, for chart axes. */
export function formatMonthDay(date: string): string {
  return date.slice(5);
}

/** The weekday of a bureau date, in the given locale (星期日 / Sunday). */
export function formatWeekday(value: Instant, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: bureauTimeZone(), weekday: 'long' }).format(toDate(value));
}

/** Milliseconds the bureau's zone is ahead of UTC at that instant. */
function zoneOffsetMs(instant: number): number {
  const p = wallParts(instant);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the bureau's wall clock shows `date` `time` (`YYYY-MM-DD`, `HH:mm[:ss]`). */
export function bureauInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss);
  const first = wall - zoneOffsetMs(wall);
  return new Date(wall - zoneOffsetMs(first));
}

/** R4: a deadline chosen as a day means the end of that bureau day (23:59:59). */
export function endOfBureauDay(date: string): Date {
  return bureauInstant(date, '23:59:59');
}

/** The start (00:00) of the bureau day `date`. */
export function startOfBureauDay(date: string): Date {
  return bureauInstant(date, '00:00:00');
}

/** `YYYY-MM-DDTHH:mm` for an `<input type="datetime-local">` showing bureau time. */
export function toBureauInputValue(value: Instant): string {
  const p = wallParts(value);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant meant by a `datetime-local` value read as bureau time. */
export function fromBureauInputValue(value: string): Date {
  const [date, time] = value.split('T') as [string, string];
  return bureauInstant(date, time);
}

/** The `count` bureau dates ending with the one holding `now`, oldest first. */
export function lastBureauDays(count: number, now: Instant): string[] {
  const days: string[] = [];
  const today = bureauDate(now);
  const noon = bureauInstant(today, '12:00').getTime();
  for (let i = count - 1; i >= 0; i--) days.push(bureauDate(noon - i * DAY_MS));
  return days;
}

/** Whole days from `from` to `to` (rounded down), for "overdue n days". */
export function wholeDaysBetween(from: Instant, to: Instant): number {
  return Math.max(0, Math.floor((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS));
}
