import { describe, expect, it } from 'vitest';
import { provisionalAlerts, type EnterpriseRow, type OverdueRow } from './provisional-alerts.js';

const DAY = 86_400_000;
const now = Date.parse('2026-11-29T01:00:00Z');
const department = { id: 'd1', name: '一科', number: 1, leader: { id: 'l1', displayName: '王' }, chief: null };
const enterprise = (code: string, lastLoginDaysAgo: number | null, lastFilingDaysAgo: number | null): EnterpriseRow => ({
  id: code,
  code,
  name: `企业${code}`,
  industry: 'OTHER',
  keyTarget: false,
  registeredAt: new Date(now - 200 * DAY).toISOString(),
  lastLoginAt: lastLoginDaysAgo === null ? null : new Date(now - lastLoginDaysAgo * DAY).toISOString(),
  lastFilingAt: lastFilingDaysAgo === null ? null : new Date(now - lastFilingDaysAgo * DAY).toISOString(),
  township: { id: 't', name: '镇' },
  department,
});

describe('the three displays, estimated before the alerts query exists', () => {
  it('raises no-login and no-filing once 15 days have passed, since the day the window elapsed', () => {
    const alerts = provisionalAlerts([enterprise('e007', 20, 3), enterprise('e012', 1, 16), enterprise('e001', 1, 2)], [], now);
    expect(alerts.map((a) => [a.kind, a.enterprise.code])).toEqual([
      ['NO_LOGIN', 'e007'],
      ['NO_FILING', 'e012'],
    ]);
    expect(alerts[0]!.since).toBe(new Date(now - 5 * DAY).toISOString());
  });

  it('counts from registration when an enterprise never signed in', () => {
    expect(provisionalAlerts([enterprise('e050', null, 1)], [], now).map((a) => a.kind)).toEqual(['NO_LOGIN']);
  });

  it('lists every overdue hazard with its enterprise, since its deadline', () => {
    const hazard: OverdueRow = {
      id: 'h1',
      title: '防爆灯具损坏',
      grade: 'THIRD',
      deadline: '2026-11-20T15:59:59.000Z',
      enterprise: { id: 'e078', name: '新兴烟花', code: 'e078', department },
    };
    const [alert] = provisionalAlerts([], [hazard], now);
    expect(alert).toMatchObject({ kind: 'OVERDUE', since: hazard.deadline, hazard: { title: '防爆灯具损坏' } });
  });
});
