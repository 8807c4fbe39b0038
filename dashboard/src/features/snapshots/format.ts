/** Display helpers shared by the reminder pages: every figure says its window and its fraction. */
export const pct = (value: number) => `${(value * 100).toFixed(value === 1 ? 0 : 1)}%`;

export const frac = (f: { numerator: number; denominator: number }) => `${f.numerator}/${f.denominator}`;

export const days = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function inZone(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions, locale = 'zh-CN'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hourCycle: 'h23', ...options }).format(new Date(iso));
}

export const monthDay = (iso: string, timeZone: string, locale?: string) =>
  inZone(iso, timeZone, { month: '2-digit', day: '2-digit' }, locale);

export const clockTime = (iso: string, timeZone: string, locale?: string) =>
  inZone(iso, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, locale);

/** 2026-11-29 → 2026年11月29日星期日 (a calendar date: no time zone involved). */
export function longDate(date: string, locale = 'zh-CN'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Display names carry their role in brackets (王建国（分管领导）); a column that already says it drops them. */
export { bareName as person } from '../../shared/person.js';
