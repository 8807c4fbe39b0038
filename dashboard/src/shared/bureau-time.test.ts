import { describe, expect, it } from 'vitest';
import {
  bureauDate,
  endOfBureauDay,
  formatDateTime,
  fromBureauInputValue,
  lastBureauDays,
  toBureauInputValue,
} from './bureau-time.js';

describe('dates and times in the bureau time zone', () => {
  it('shows an instant as the bureau wall clock shows it, whatever the device zone', () => {
    expect(formatDateTime('2026-11-28T17:30:00Z')).toBe('2026-11-29 01:30');
    expect(bureauDate('2026-11-28T16:00:00Z')).toBe('2026-11-29');
  });

  it('reads a chosen deadline day as the end of that bureau day', () => {
    expect(endOfBureauDay('2026-12-01').toISOString()).toBe('2026-12-01T15:59:59.000Z');
  });

  it('round-trips a datetime-local value through bureau time', () => {
    const instant = fromBureauInputValue('2026-11-29T09:41');
    expect(instant.toISOString()).toBe('2026-11-29T01:41:00.000Z');
    expect(toBureauInputValue(instant)).toBe('2026-11-29T09:41');
  });

  it('lists the last days up to and including the bureau today', () => {
    expect(lastBureauDays(3, '2026-11-28T17:00:00Z')).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
  });
});
