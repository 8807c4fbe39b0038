import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps } from '../../graphql/context.js';
import { AlertKind } from '../alert/alert-kind.js';
import type { Alert } from '../alert/alert.entity.js';
import { currentAlertsNamed } from '../alert/alert.service.js';
import type { Scope } from '../auth/scope.js';
import { DAY_MS } from '../common/duration.js';
import { departmentsWithPeople, type DepartmentPeople } from '../department/department.repository.js';
import { computeWallboard, ON_TIME_PERIOD_MS } from '../wallboard/wallboard.service.js';
import type {
  SnapshotData,
  SnapshotDisplays,
  SnapshotEnterpriseAlert,
  SnapshotOverdueHazard,
} from './snapshot.types.js';

const BUREAU: Scope = { kind: 'all' };

/** The three displays as they stand (modules/alert's stored alerts), with the names a reader needs. */
export async function namedDisplays(
  em: EntityManager,
  now: Date,
  departments: DepartmentPeople[],
): Promise<SnapshotDisplays> {
  const alerts = await currentAlertsNamed(em, BUREAU);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const of = (alert: Alert) => {
    const enterprise = alert.enterprise.getEntity();
    return { enterprise, department: byId.get(enterprise.department.id) };
  };
  const quiet = (kind: AlertKind): SnapshotEnterpriseAlert[] =>
    alerts
      .filter((a) => a.kind === kind)
      .map((alert) => {
        const { enterprise, department } = of(alert);
        return {
          enterpriseId: enterprise.id,
          code: enterprise.code,
          name: enterprise.name,
          departmentNumber: department?.number ?? 0,
          departmentName: department?.name ?? '',
          leaderName: department?.leaderName ?? null,
          since: alert.since,
          lastAt:
            (kind === AlertKind.NO_LOGIN
              ? enterprise.lastLoginAt
              : kind === AlertKind.NO_FILING
                ? enterprise.lastFilingAt
                : alert.since) ?? null,
          keyTarget: enterprise.keyTarget,
        };
      });
  const overdue: SnapshotOverdueHazard[] = alerts
    .filter((a) => a.kind === AlertKind.OVERDUE && a.hazard)
    .map((alert) => {
      const { enterprise, department } = of(alert);
      const hazard = alert.hazard!.getEntity();
      return {
        hazardId: hazard.id,
        title: hazard.title,
        grade: hazard.grade,
        enterpriseId: enterprise.id,
        enterpriseCode: enterprise.code,
        enterpriseName: enterprise.name,
        departmentName: department?.name ?? '',
        leaderName: department?.leaderName ?? null,
        keyTarget: enterprise.keyTarget,
        deadline: alert.since,
        daysOverdue: Math.max(0, Math.floor((now.getTime() - alert.since.getTime()) / DAY_MS)),
      };
    });
  return {
    noLogin: quiet(AlertKind.NO_LOGIN),
    noFiling: quiet(AlertKind.NO_FILING),
    overdue,
    checksMissed: quiet(AlertKind.CHECKS_MISSED),
  };
}

/**
 * What a daily snapshot freezes at `now`: the live wallboard's own computation for the whole bureau
 * (same rates, same on-time period) and the three displays by name. When this process runs the
 * alert watcher, it first brings the stored displays up to `now`, so that the lists agree with
 * the counts; otherwise the leader keeps them current.
 */
export async function readSnapshotSource(
  em: EntityManager,
  deps: Pick<AppDeps, 'env' | 'alerts'>,
  now: Date,
): Promise<SnapshotData> {
  const { env } = deps;
  await deps.alerts.tick();
  const departments = await departmentsWithPeople(em);
  const [wallboard, displays] = await Promise.all([
    computeWallboard(em, BUREAU, env, now),
    namedDisplays(em, now, departments),
  ]);
  return {
    wallboard,
    windows: {
      noLoginDays: env.noLoginWindowMs / DAY_MS,
      noFilingDays: env.noFilingWindowMs / DAY_MS,
      onTimeDays: ON_TIME_PERIOD_MS / DAY_MS,
    },
    displays,
  };
}
