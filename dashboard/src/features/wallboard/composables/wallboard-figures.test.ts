import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../alerts/composables/provisional-alerts.js';
import { departmentRows, onTimeRateOf, trendDays } from './wallboard-figures.js';

const DAY = 86_400_000;
const now = Date.parse('2026-11-29T04:00:00Z');
const d1 = { id: 'd1', name: '危险化学品安全监督管理科', number: 1, leader: { id: 'l1', displayName: '王建国（分管领导）' }, chief: null };
const enterprise = (id: string, loginDaysAgo: number, filingDaysAgo: number): EnterpriseRow => ({
  id,
  code: id,
  name: id,
  industry: 'OTHER',
  keyTarget: false,
  registeredAt: new Date(now - 100 * DAY).toISOString(),
  lastLoginAt: new Date(now - loginDaysAgo * DAY).toISOString(),
  lastFilingAt: new Date(now - filingDaysAgo * DAY).toISOString(),
  township: { id: 't', name: '镇' },
  department: d1,
});

describe('the wallboard figures computed from queries', () => {
  it('counts filed and closed hazards per bureau day', () => {
    const days = trendDays([{ filedAt: '2026-11-28T17:00:00Z' }, { filedAt: '2026-11-29T01:00:00Z' }], [{ closedAt: '2026-11-27T03:00:00Z' }], now);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ date: '2026-11-29', filed: 2, closed: 0 });
    expect(days.at(-3)).toEqual({ date: '2026-11-27', filed: 0, closed: 1 });
  });

  it('gives each department its leader, rates with fractions, overdue and major counts', () => {
    const rows = departmentRows([d1], [enterprise('e1', 1, 1), enterprise('e2', 20, 1)], [{ grade: 'MAJOR', overdue: true, enterprise: { id: 'e1', department: { id: 'd1' } } }], now);
    expect(rows).toEqual([
      expect.objectContaining({ leader: '王建国（分管领导）', enterpriseCount: 2, overdueHazards: 1, openMajor: 1, loginRate: { numerator: 1, denominator: 2, value: 0.5 } }),
    ]);
  });

  it('counts a hazard on time when it was reported rectified by its deadline', () => {
    const rate = onTimeRateOf([
      { status: 'CLOSED', deadline: '2026-11-20T15:59:59Z', submittedAt: '2026-11-19T00:00:00Z' },
      { status: 'RECTIFYING', deadline: '2026-11-21T15:59:59Z', submittedAt: null },
    ]);
    expect(rate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });
});
