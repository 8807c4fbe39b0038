import { DAY_MS } from '../common/duration.js';

/** A window as a bureau reads it: 15天, 12小时, 30分钟, 10秒. */
export function windowZh(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}天`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}小时`;
  if (ms % 60_000 === 0) return `${ms / 60_000}分钟`;
  return `${Math.round(ms / 1000)}秒`;
}

export function bureauDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
