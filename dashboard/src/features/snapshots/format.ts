/** Display helpers shared by the reminder pages: every figure says its window and its fraction. */
export const pct = (value: number) => `${(value * 100).toFixed(value === 1 ? 0 : 1)}%`;

export const frac = (f: { numerator: number; denominator: number }) => `${f.numerator}/${f.denominator}`;

export const days = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function inZone(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hourCycle: 'h23', ...options }).format(new Date(iso));
}

export const monthDay = (iso: string, timeZone: string) => inZone(iso, timeZone, { month: '2-digit', day: '2-digit' });

export const clockTime = (iso: string, timeZone: string) => inZone(iso, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** 2026-11-29 → 2026年11月29日 星期日 (a calendar date, no time zone involved). */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日 ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

export const GRADE_LABEL: Record<string, string> = { MAJOR: '重大', SECOND: '二级', THIRD: '三级' };

export const TRIGGER_LABEL: Record<string, string> = { SCHEDULE: '定时', CATCH_UP: '补拍', ON_DEMAND: '手动' };
