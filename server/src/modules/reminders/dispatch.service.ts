import { QueryOrder, UniqueConstraintViolationException } from '@mikro-orm/core';
import { COUNTED_HAZARD } from '../enterprise/standing.js';
import type { EntityManager } from '@mikro-orm/knex';
import { log } from '../../config/log.js';
import type { AppDeps } from '../../graphql/context.js';
import { runChange } from '../event/change.js';
import { canonicalJson } from '../common/canonical-json.js';
import { DAY_MS } from '../common/duration.js';
import { DeliverySubject } from '../delivery/delivery.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardGrade, HazardStatus } from '../hazard/hazard.enums.js';
import { OPEN_HAZARD } from '../hazard/open.js';
import type { ReminderTrigger } from '../snapshot/daily-snapshot.entity.js';
import { AlertKind } from '../alert/alert-kind.js';
import { currentAlertsNamed } from '../alert/alert.service.js';
import { departmentsWithPeople } from '../department/department.repository.js';
import { sha256 } from '../snapshot/snapshot.service.js';
import { windowZh } from './reminder-text.js';
import type { DispatchData, DispatchDepartment, DispatchEnterprise, DispatchHazard } from './reminders.types.js';
import { WeeklyDispatch } from './weekly-dispatch.entity.js';

const DUE_SOON_MS = 7 * DAY_MS;

function toDispatchHazard(h: Hazard): DispatchHazard & { departmentId: string } {
  const enterprise = h.enterprise.getEntity();
  return {
    hazardId: h.id,
    title: h.title,
    grade: h.grade,
    status: h.status,
    enterpriseCode: enterprise.code,
    enterpriseName: enterprise.name,
    keyTarget: enterprise.keyTarget,
    deadline: h.deadline ?? null,
    departmentId: enterprise.department.id,
  };
}

/**
 * What each department must chase at `now`: the enterprises on the no-login and no-filing displays
 * and on the missed-checks display (R14), the hazards on the overdue display (modules/alert, brought up to `now` when this process runs the
 * watcher), hazards due within seven days, open major hazards.
 */
export async function computeDispatch(
  em: EntityManager,
  deps: Pick<AppDeps, 'env' | 'alerts'>,
  now: Date,
): Promise<DispatchData> {
  await deps.alerts.tick();
  const departments = await departmentsWithPeople(em);
  const [alerts, dueSoon, major] = await Promise.all([
    currentAlertsNamed(em, { kind: 'all' }),
    em.find(
      Hazard,
      {
        $and: [
          COUNTED_HAZARD,
          { status: HazardStatus.RECTIFYING, deadline: { $gt: now, $lte: new Date(now.getTime() + DUE_SOON_MS) } },
        ],
      },
      { populate: ['enterprise'], orderBy: { deadline: 'asc', id: 'asc' } },
    ),
    em.find(
      Hazard,
      { $and: [COUNTED_HAZARD, OPEN_HAZARD, { grade: HazardGrade.MAJOR }] },
      // The soonest deadline first: what the director must chase next (a hazard without one last).
      { populate: ['enterprise'], orderBy: { deadline: QueryOrder.ASC_NULLS_LAST, filedAt: 'asc', id: 'asc' } },
    ),
  ]);
  const overdue = alerts.filter((a) => a.kind === AlertKind.OVERDUE && a.hazard).map((a) => a.hazard!.getEntity());
  const strip = ({ departmentId: _d, ...rest }: DispatchHazard & { departmentId: string }): DispatchHazard => rest;
  const inDept = (list: Hazard[], id: string) =>
    list
      .map(toDispatchHazard)
      .filter((h) => h.departmentId === id)
      .map(strip);
  const enterprisesIn = (departmentId: string, kinds: readonly AlertKind[]): DispatchEnterprise[] =>
    alerts
      .filter((a) => kinds.includes(a.kind) && a.enterprise.getEntity().department.id === departmentId)
      .map((a) => {
        const e = a.enterprise.getEntity();
        return {
          enterpriseId: e.id,
          code: e.code,
          name: e.name,
          reason: a.kind,
          since: a.since,
          keyTarget: e.keyTarget,
        };
      });
  const result: DispatchDepartment[] = departments.map((d) => ({
    departmentId: d.id,
    number: d.number,
    name: d.name,
    leaderName: d.leaderName,
    chiefName: d.chiefName,
    silent: enterprisesIn(d.id, [AlertKind.NO_LOGIN, AlertKind.NO_FILING]),
    checksMissed: enterprisesIn(d.id, [AlertKind.CHECKS_MISSED]),
    overdue: inDept(overdue, d.id),
    dueSoon: inDept(dueSoon, d.id),
    majorOpen: inDept(major, d.id),
  }));
  return { departments: result };
}

export interface IssueOptions {
  trigger: ReminderTrigger;
  actorId: string | null;
}

/** Issues the dispatch of the week starting `weekOf` (a Monday) once; an existing one is returned as it is. */
export async function issueWeeklyDispatch(
  em: EntityManager,
  deps: AppDeps,
  weekOf: string,
  options: IssueOptions,
): Promise<WeeklyDispatch> {
  const existing = await em.findOne(WeeklyDispatch, { weekOf });
  if (existing) return existing;
  const now = deps.clock.now();
  const data = await computeDispatch(em, deps, now);
  const json = canonicalJson(data);
  let dispatch: WeeklyDispatch;
  try {
    dispatch = await runChange(em, deps.publisher, async (change) => {
      const { tx } = change;
      const row = tx.create(WeeklyDispatch, {
        weekOf,
        issuedAt: now,
        trigger: options.trigger,
        data: json,
        contentHash: sha256(json),
      });
      await tx.flush();
      await change.audit({
        at: now,
        actorId: options.actorId,
        action: 'dispatch.issued',
        subjectType: 'weekly_dispatch',
        subjectId: row.id,
        data: { weekOf, contentHash: row.contentHash, trigger: row.trigger },
      });
      return row;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.merge(await em.fork().findOneOrFail(WeeklyDispatch, { weekOf }));
  }
  log.info(`weekly dispatch ${weekOf} issued (${dispatch.trigger})`);
  announceDispatch(deps, dispatch, data);
  return dispatch;
}

export function dispatchMarkdown(
  dispatch: WeeklyDispatch,
  data: DispatchData,
  deps: Pick<AppDeps, 'env'>,
  pageUrl: string,
): string {
  const { env } = deps;
  const lines = [
    `### ${env.reminders.bureauName} · 每周汇总调度（${dispatch.weekOf} 起一周）`,
    `> 一级抓一级：各分管领导、科室本周督办事项`,
    '',
  ];
  for (const d of data.departments) {
    const silentCodes = d.silent.map(
      (e) =>
        `${e.name}（${e.reason === 'NO_LOGIN' ? `${windowZh(env.noLoginWindowMs)}未登录` : `${windowZh(env.noFilingWindowMs)}未填报`}）`,
    );
    lines.push(
      `**${d.name}** · 分管 ${d.leaderName ?? '—'} · 科长 ${d.chiefName ?? '—'}`,
      `- 企业沉默 ${d.silent.length}${silentCodes.length ? `：${silentCodes.join('、')}` : ''}`,
      `- 超期隐患 ${d.overdue.length}${d.overdue.length ? `：${d.overdue.map((h) => `${h.enterpriseName}「${h.title}」`).join('、')}` : ''}`,
      `- 排查任务逾期 ${d.checksMissed.length}${d.checksMissed.length ? `：${d.checksMissed.map((e) => e.name).join('、')}` : ''}`,
      `- 7日内到期 ${d.dueSoon.length} · 重大隐患在办 ${d.majorOpen.length}`,
    );
  }
  lines.push('', `[查看调度单](${pageUrl})`);
  return lines.join('\n');
}

function announceDispatch(deps: AppDeps, dispatch: WeeklyDispatch, data: DispatchData): void {
  if (deps.env.webhookUrls.length === 0) return;
  const pageUrl = `${deps.reminders.publicUrl()}/reminders/dispatch/${dispatch.weekOf}`;
  deps.reminders.delivery.send({
    subject: DeliverySubject.WEEKLY_DISPATCH,
    key: dispatch.weekOf,
    markdown: dispatchMarkdown(dispatch, data, deps, pageUrl),
    json: {
      type: 'hazardloop.weekly_dispatch',
      weekOf: dispatch.weekOf,
      issuedAt: dispatch.issuedAt.toISOString(),
      contentHash: dispatch.contentHash,
      pageUrl,
      departments: data.departments,
    },
  });
}
