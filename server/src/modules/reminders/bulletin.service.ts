import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { COUNTED_ENTERPRISE } from '../enterprise/standing.js';
import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import { log } from '../../config/log.js';
import type { AppDeps } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { runChange } from '../event/change.js';
import { FILED_BY_ENTERPRISE } from '../auth/role.js';
import { quietDuring } from '../alert/alert.rules.js';
import { addDays, bureauDayStart } from '../common/bureau-time.js';
import { canonicalJson } from '../common/canonical-json.js';
import { DeliverySubject } from '../delivery/delivery.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { LoginEvent } from '../enterprise/login-event.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { overdueDuringWhere } from '../hazard/overdue.js';
import { departmentsWithPeople } from '../department/department.repository.js';
import { sha256 } from '../snapshot/snapshot.service.js';
import { Bulletin } from './bulletin.entity.js';
import { checksMissedDuring, discrepanciesFoundOnSite } from './bulletin-hooks.js';
import type { IssueOptions } from './dispatch.service.js';
import { BUREAU_LOCALE, type MessageKey, type MessageParams } from '../../messages/render.js';
import { renderParts, renderSentence, type BulletinSentence } from './bulletin-text.js';
import { bureauDay } from './reminder-text.js';
import type { BulletinData, BulletinEntry, BulletinReason } from './reminders.types.js';

/** A half-month period: the 1st–15th or the 16th–last day, as bureau dates and instants [start, end). */
export interface Period {
  start: string;
  last: string;
  startAt: Date;
  endAt: Date;
}

export function periodOf(start: string, timeZone: string): Period {
  const day = Number(start.slice(8, 10));
  const next = day === 1 ? `${start.slice(0, 8)}16` : addDays(`${start.slice(0, 8)}01`, 32).slice(0, 8) + '01';
  return {
    start,
    last: addDays(next, -1),
    startAt: bureauDayStart(start, timeZone),
    endAt: bureauDayStart(next, timeZone),
  };
}

/** The period that ended most recently before the bureau date `today` (the one a bulletin issued today covers). */
export function periodEndedBy(today: string, timeZone: string): Period {
  const day = Number(today.slice(8, 10));
  const start = day >= 16 ? `${today.slice(0, 8)}01` : `${addDays(`${today.slice(0, 8)}01`, -1).slice(0, 8)}16`;
  return periodOf(start, timeZone);
}

type CriteriaEnv = Pick<Env, 'noLoginWindowMs' | 'noFilingWindowMs' | 'reminders'>;

/** The criteria the bulletin applies, as sentences it states (keys and params: each viewer reads them in their language). */
export function criteriaSentences(env: CriteriaEnv): BulletinSentence[] {
  const params: Record<string, MessageParams> = {
    no_login: { windowMs: env.noLoginWindowMs },
    no_filing: { windowMs: env.noFilingWindowMs },
    overdue: { n: env.reminders.bulletinMinOverdue },
    discrepancy: {},
    checks_missed: { n: env.reminders.bulletinMinMissedChecks },
  };
  return env.reminders.bulletinCriteria.map((c) => ({
    key: `bulletin.criterion.${c}` as MessageKey,
    params: params[c]!,
  }));
}

/** The criteria in the bureau's language, as the stored bulletin and its announcement state them. */
export function criteriaText(env: CriteriaEnv): string[] {
  return criteriaSentences(env).map((s) => renderSentence(BUREAU_LOCALE, s));
}

/** A reason with its sentences; `detail` in the bureau's language. */
function reason(kind: BulletinReason['kind'], parts: BulletinSentence[]): BulletinReason {
  return { kind, detail: renderParts(BUREAU_LOCALE, parts), parts };
}

const rowDate = (v: unknown): Date =>
  v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));

/** The enterprises that failed in `period` and why, under the configured criteria. */
export async function computeBulletin(
  em: EntityManager,
  env: Env,
  period: Period,
): Promise<Omit<BulletinData, 'clearedTargets'>> {
  const { startAt, endAt } = period;
  const criteria = new Set(env.reminders.bulletinCriteria);
  const departments = await departmentsWithPeople(em);
  const deptById = new Map(departments.map((d) => [d.id, d]));
  const enterprises = await em.find(
    Enterprise,
    { $and: [{ registeredAt: { $lt: endAt } }, COUNTED_ENTERPRISE] },
    { orderBy: { code: 'asc' } },
  );
  const reasons = new Map<string, BulletinReason[]>();
  const add = (id: string, reason: BulletinReason) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  const tz = env.bureauTz;

  const eventsBy = (rows: Array<Record<string, unknown>>, idKey: string, atKey: string) => {
    const map = new Map<string, Date[]>();
    for (const r of rows) map.set(String(r[idKey]), [...(map.get(String(r[idKey])) ?? []), rowDate(r[atKey])]);
    return map;
  };

  if (criteria.has('no_login')) {
    const rows = await em
      .createQueryBuilder(LoginEvent, 'l')
      .select(['l.enterprise_id', 'l.at'])
      .where({ at: { $gte: new Date(startAt.getTime() - env.noLoginWindowMs), $lt: endAt } })
      .execute('all', false);
    const logins = eventsBy(rows as unknown as Array<Record<string, unknown>>, 'enterprise_id', 'at');
    for (const e of enterprises) {
      const silent = quietDuring(logins.get(e.id) ?? [], e.registeredAt, startAt, endAt, env.noLoginWindowMs);
      if (silent)
        add(
          e.id,
          reason('NO_LOGIN', [
            silent.lastAt
              ? {
                  key: 'bulletin.noLoginAfter',
                  params: {
                    from: bureauDay(silent.since, tz),
                    windowMs: env.noLoginWindowMs,
                    last: bureauDay(silent.lastAt, tz),
                  },
                }
              : {
                  key: 'bulletin.noLogin',
                  params: { from: bureauDay(silent.since, tz), windowMs: env.noLoginWindowMs },
                },
          ]),
        );
    }
  }

  if (criteria.has('no_filing')) {
    const rows = await em
      .createQueryBuilder(Hazard, 'h')
      .select(['h.enterprise_id', 'h.filed_at'])
      .join('h.filedBy', 'u')
      .where({
        filedAt: { $gte: new Date(startAt.getTime() - env.noFilingWindowMs), $lt: endAt },
        filedBy: FILED_BY_ENTERPRISE,
      })
      .execute('all', false);
    const filings = eventsBy(rows as unknown as Array<Record<string, unknown>>, 'enterprise_id', 'filed_at');
    for (const e of enterprises) {
      const silent = quietDuring(filings.get(e.id) ?? [], e.registeredAt, startAt, endAt, env.noFilingWindowMs);
      if (silent)
        add(
          e.id,
          reason('NO_FILING', [
            silent.lastAt
              ? {
                  key: 'bulletin.noFilingAfter',
                  params: {
                    from: bureauDay(silent.since, tz),
                    windowMs: env.noFilingWindowMs,
                    last: bureauDay(silent.lastAt, tz),
                  },
                }
              : {
                  key: 'bulletin.noFiling',
                  params: { from: bureauDay(silent.since, tz), windowMs: env.noFilingWindowMs },
                },
          ]),
        );
    }
  }

  if (criteria.has('overdue')) {
    const late = await em.find(Hazard, overdueDuringWhere(startAt, endAt), { orderBy: { deadline: 'asc', id: 'asc' } });
    const byEnterprise = new Map<string, Hazard[]>();
    for (const h of late) byEnterprise.set(h.enterprise.id, [...(byEnterprise.get(h.enterprise.id) ?? []), h]);
    for (const [id, hazards] of byEnterprise) {
      if (hazards.length < env.reminders.bulletinMinOverdue) continue;
      add(
        id,
        reason('OVERDUE', [
          {
            key: 'bulletin.overdue',
            params: { n: hazards.length },
            items: hazards.slice(0, 3).map((h) => ({
              key: 'bulletin.overdueItem',
              params: { title: h.title, day: bureauDay(h.deadline!, tz) },
            })),
            more: hazards.length > 3,
          },
        ]),
      );
    }
  }

  if (criteria.has('discrepancy')) {
    for (const d of await discrepanciesFoundOnSite(em, startAt, endAt, tz))
      add(d.enterpriseId, reason('DISCREPANCY', d.parts));
  }

  if (criteria.has('checks_missed')) {
    for (const m of await checksMissedDuring(em, startAt, endAt))
      if (m.count >= env.reminders.bulletinMinMissedChecks) add(m.enterpriseId, reason('CHECKS_MISSED', m.parts));
  }

  const named: BulletinEntry[] = enterprises
    .filter((e) => reasons.has(e.id))
    .map((e) => {
      const department = deptById.get(e.department.id);
      return {
        enterpriseId: e.id,
        code: e.code,
        name: e.name,
        departmentNumber: department?.number ?? 0,
        departmentName: department?.name ?? '',
        leaderName: department?.leaderName ?? null,
        reasons: reasons.get(e.id)!,
      };
    });
  return { criteria: criteriaText(env), criteriaSentences: criteriaSentences(env), named };
}

/**
 * Issues the bulletin of the period starting `periodStart` once. In the same transaction the
 * enterprises it names become key supervision targets and last period's targets not named again
 * stop being ones, each change on the audit chain (R7).
 */
export async function issueBulletin(
  em: EntityManager,
  deps: AppDeps,
  periodStart: string,
  options: IssueOptions,
): Promise<Bulletin> {
  const existing = await em.findOne(Bulletin, { periodStart });
  if (existing) return existing;
  const now = deps.clock.now();
  const period = periodOf(periodStart, deps.env.bureauTz);
  if (period.endAt.getTime() > now.getTime())
    throw badInput('reminders.periodNotOver', { start: period.start, last: period.last }, 'periodStart');
  const computed = await computeBulletin(em, deps.env, period);
  const namedIds = new Set(computed.named.map((e) => e.enterpriseId));

  let bulletin: Bulletin;
  let data: BulletinData;
  try {
    [bulletin, data] = await runChange(em, deps.publisher, async (change) => {
      const { tx } = change;
      const previous = await tx.find(Enterprise, { keyTarget: true }, { orderBy: { code: 'asc' } });
      const cleared = previous.filter((e) => !namedIds.has(e.id));
      const content: BulletinData = { ...computed, clearedTargets: cleared.map((e) => e.code) };
      const json = canonicalJson(content);
      const row = tx.create(Bulletin, {
        periodStart: period.start,
        periodEnd: period.last,
        issuedAt: now,
        trigger: options.trigger,
        data: json,
        contentHash: sha256(json),
      });
      await tx.flush();
      await change.audit({
        at: now,
        actorId: options.actorId,
        action: 'bulletin.issued',
        subjectType: 'bulletin',
        subjectId: row.id,
        data: { periodStart: period.start, contentHash: row.contentHash, named: computed.named.map((e) => e.code) },
      });
      const named = await tx.find(Enterprise, { id: { $in: [...namedIds] } }, { orderBy: { code: 'asc' } });
      const moved: string[] = [];
      for (const e of [...cleared, ...named]) {
        const keyTarget = namedIds.has(e.id);
        if (e.keyTarget === keyTarget) continue;
        e.keyTarget = keyTarget;
        moved.push(e.id);
        await change.audit({
          at: now,
          actorId: options.actorId,
          action: keyTarget ? 'enterprise.key_target_set' : 'enterprise.key_target_cleared',
          subjectType: 'enterprise',
          subjectId: e.id,
          data: { bulletinId: row.id, periodStart: period.start },
        });
      }
      await tx.flush();
      // Key targets show on the wallboard: every scope's is recomputed.
      change.afterCommit(() => deps.wallboards.invalidateAll());
      // Key-target status is a fact of the supervision class (R15); no event of theirs says it moved.
      change.afterCommit(() => deps.supervision.touch(moved));
      return [row, content] as const;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.merge(await em.fork().findOneOrFail(Bulletin, { periodStart }));
  }
  log.info(
    `bulletin ${period.start}–${period.last} issued: ${data.named.length} enterprises named, ${data.clearedTargets.length} targets cleared`,
  );
  announceBulletin(deps, bulletin, data);
  return bulletin;
}

export function bulletinMarkdown(
  bulletin: Bulletin,
  data: BulletinData,
  deps: Pick<AppDeps, 'env'>,
  pageUrl: string,
): string {
  const lines = [
    `### ${deps.env.reminders.bureauName} · 隐患排查治理通报（${bulletin.periodStart} 至 ${bulletin.periodEnd}）`,
    `> 通报标准：${data.criteria.join('；')}。被通报企业列为下一期重点督查对象。`,
    '',
    `**被通报企业（${data.named.length}）**`,
    ...data.named.map(
      (e) => `- **${e.name}**（${e.code}，${e.departmentName}）：${e.reasons.map((r) => r.detail).join('；')}`,
    ),
  ];
  if (data.clearedTargets.length) lines.push('', `不再列为重点督查对象：${data.clearedTargets.join('、')}`);
  lines.push('', `[查看通报](${pageUrl})`);
  return lines.join('\n');
}

function announceBulletin(deps: AppDeps, bulletin: Bulletin, data: BulletinData): void {
  if (deps.env.webhookUrls.length === 0) return;
  const pageUrl = `${deps.reminders.publicUrl()}/reminders/bulletin/${bulletin.periodStart}`;
  deps.reminders.delivery.send({
    subject: DeliverySubject.BULLETIN,
    key: bulletin.periodStart,
    markdown: bulletinMarkdown(bulletin, data, deps, pageUrl),
    json: {
      type: 'hazardloop.bulletin',
      periodStart: bulletin.periodStart,
      periodEnd: bulletin.periodEnd,
      issuedAt: bulletin.issuedAt.toISOString(),
      contentHash: bulletin.contentHash,
      pageUrl,
      ...data,
    },
  });
}
