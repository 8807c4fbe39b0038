import type { EntityManager } from '@mikro-orm/knex';
import { DAY_MS } from '../modules/common/duration.js';
import { EnforcementKind } from '../modules/enforcement/enforcement.entity.js';
import { HazardGrade, HazardSource, HazardStatus } from '../modules/hazard/hazard.enums.js';
import { FindingOutcome, InspectionKind } from '../modules/inspection/inspection.enums.js';
import { LOCATIONS, MEASURES, RESPONSIBLE, titlesFor } from './hazard-texts.js';
import { buildOrganisation, type Organisation, type SeedEnterprise } from './organisation.js';
import { DEFAULT_RISK_BANDS, type RiskBands } from '../modules/risk/risk-bands.js';
import { Random } from './random.js';
import { SeedHistory, type SeedHazard } from './seed-history.js';
import { seedRegister } from './seed-register.js';

const HOUR_MS = 3_600_000;
/** Demo times are laid out in China Standard Time, which has no daylight saving. */
const BUREAU_OFFSET_MS = 8 * HOUR_MS;

/** Enterprises that went quiet, so that the three displays have something to show. */
const STOPPED_LOGGING_IN = ['e007', 'e033'];
const STOPPED_FILING = ['e012', 'e048', 'e091'];
const MISSED_A_DEADLINE = ['e003', 'e025', 'e066', 'e078'];
/** Enterprises whose latest checks of a measure went unrecorded: the fourth display (R14), outside departments 1 and 2. */
const MISSING_CHECKS = ['e052', 'e074', 'e093'];

function atBureauHour(instant: number, hour: number): Date {
  const midnight = Math.floor((instant + BUREAU_OFFSET_MS) / DAY_MS) * DAY_MS - BUREAU_OFFSET_MS;
  return new Date(midnight + hour * HOUR_MS);
}

/** The end of the bureau day `days` after `from`: the UI's default deadline (R4). */
function endOfBureauDay(from: Date, days: number): Date {
  return new Date(atBureauHour(from.getTime() + days * DAY_MS, 24).getTime() - 1000);
}

/**
 * SEED=demo: the api.md organisation with six months of history ending now: regular logins and
 * filings, hazards of every grade and status, a few enterprises gone quiet and a few deadlines missed,
 * and every enterprise's risk register with a week and more of checks, a few of them missed (R14).
 */
export async function seedDemo(
  em: EntityManager,
  now: Date,
  passwordHash: string,
  bands: RiskBands = DEFAULT_RISK_BANDS,
): Promise<void> {
  const rng = new Random(20_161_009);
  const start = now.getTime() - 182 * DAY_MS;
  const org = buildOrganisation(rng, {
    registeredFrom: new Date(start - 20 * DAY_MS),
    registeredTo: new Date(start),
    createdAt: new Date(start - 21 * DAY_MS),
    passwordHash,
  });
  const history = new SeedHistory(org, () => rng.uuid());

  const fileOne = (enterprise: SeedEnterprise, filedAt: Date, forceOverdue = false): void => {
    const roll = rng.next();
    const grade = forceOverdue
      ? HazardGrade.THIRD
      : roll < 0.05
        ? HazardGrade.MAJOR
        : roll < 0.25
          ? HazardGrade.SECOND
          : HazardGrade.THIRD;
    const onSpot = !forceOverdue && grade !== HazardGrade.MAJOR && rng.chance(0.45);
    const hazard: SeedHazard = {
      id: rng.uuid(),
      enterprise: enterprise.id,
      title: rng.pick(titlesFor(enterprise.industry, grade)),
      location: rng.pick(LOCATIONS[enterprise.industry]),
      grade,
      status: onSpot ? HazardStatus.CLOSED : HazardStatus.RECTIFYING,
      source: HazardSource.SELF_INSPECTION,
      rectifiedOnSpot: onSpot,
      backfilled: false,
      discoveredAt: new Date(filedAt.getTime() - rng.between(0.1, 5) * HOUR_MS),
      filedAt,
      submittedLate: false,
      measures: rng.pick(MEASURES),
      responsiblePerson: rng.pick(RESPONSIBLE),
      filedBy: org.accountOf.get(enterprise.id),
    };
    if (onSpot) {
      hazard.closedAt = filedAt;
      history.file(hazard);
      return;
    }
    const days = forceOverdue
      ? rng.between(4, 9)
      : grade === HazardGrade.MAJOR
        ? rng.between(30, 45)
        : grade === HazardGrade.SECOND
          ? rng.between(10, 20)
          : rng.between(3, 10);
    hazard.deadline = endOfBureauDay(filedAt, Math.round(days));
    if (grade === HazardGrade.MAJOR) {
      hazard.planObjectives = '彻底消除隐患，恢复安全生产条件';
      hazard.planFunding = `专项资金 ${rng.int(5, 60)} 万元，物资已落实`;
      hazard.planEmergencyMeasures = '设置警戒区域，停止相关作业，落实专人值守和应急预案';
    }
    history.file(hazard);
    if (forceOverdue) {
      history.deadlineMissed(hazard);
      return;
    }

    const span = hazard.deadline.getTime() - filedAt.getTime();
    let submitAt = filedAt.getTime() + span * rng.between(0.3, 0.85);
    if (submitAt >= now.getTime()) return;
    history.submit(hazard, new Date(submitAt), '已按措施整改完毕，附整改后照片');
    if (rng.chance(0.08)) {
      const rejectAt = submitAt + rng.between(0.2, 1) * DAY_MS;
      if (rejectAt >= now.getTime()) return;
      history.reject(hazard, new Date(rejectAt), history.confirmer(hazard), '整改不到位，请补充整改');
      submitAt = rejectAt + rng.between(0.3, 1.5) * DAY_MS;
      if (submitAt >= now.getTime()) return;
      history.submit(hazard, new Date(submitAt), '已补充整改');
    }
    const closeAt = submitAt + rng.between(0.2, 2.5) * DAY_MS;
    if (closeAt < now.getTime()) history.close(hazard, new Date(closeAt), history.confirmer(hazard));
  };

  for (const enterprise of org.enterprises) {
    const stoppedLogin = STOPPED_LOGGING_IN.includes(enterprise.code);
    const loginUntil = stoppedLogin ? now.getTime() - rng.between(17, 26) * DAY_MS : now.getTime();
    for (
      let t = enterprise.registeredAt.getTime() + rng.between(0.2, 2) * DAY_MS;
      t < loginUntil;
      t += rng.between(1.5, 6) * DAY_MS
    ) {
      const at = atBureauHour(t, rng.between(8, 18));
      if (at.getTime() < now.getTime()) history.login(enterprise, at);
    }
    const fileUntil = stoppedLogin
      ? loginUntil
      : STOPPED_FILING.includes(enterprise.code)
        ? now.getTime() - rng.between(18, 40) * DAY_MS
        : now.getTime();
    for (let t = start + rng.between(0, 8) * DAY_MS; t < fileUntil; t += rng.between(5, 13) * DAY_MS) {
      const at = atBureauHour(t, rng.between(8.5, 17.5));
      if (at.getTime() < now.getTime()) fileOne(enterprise, at);
    }
    if (MISSED_A_DEADLINE.includes(enterprise.code)) {
      fileOne(enterprise, atBureauHour(now.getTime() - rng.between(13, 18) * DAY_MS, 10), true);
    }
  }
  addRegisters(history, org, now, bands);
  addCrossChecks(history, org, now);
  addRoutineVisits(history, org, now);
  await history.write(em);
}

/**
 * Every enterprise's risk register, entered in the week of the bureau's dual-prevention drive ten days ago, and
 * its checks since. The two that stopped signing in entered their points on their last sign-in and
 * never their measures. A separate generator keeps the rest of the demo data as it was.
 */
function addRegisters(history: SeedHistory, org: Organisation, now: Date, bands: RiskBands): void {
  const rng = new Random(20_261_115);
  for (const enterprise of org.enterprises) {
    const quiet = STOPPED_LOGGING_IN.includes(enterprise.code);
    const enteredAt = quiet
      ? new Date(enterprise.lastLoginAt!.getTime() + 10 * 60_000)
      : atBureauHour(now.getTime() - rng.between(7, 10) * DAY_MS, rng.between(9, 16));
    seedRegister(
      history,
      enterprise,
      { enteredAt, pointsOnly: quiet, missing: MISSING_CHECKS.includes(enterprise.code) },
      rng,
      now,
      bands,
      { checksAsInspections: true },
    );
  }
}

/** How many on-site visits a year the demo's bureau sets out to make at an enterprise, before R15's classes. */
const VISITS_A_YEAR = [1, 1, 2, 2, 2, 4];
/** Share of planned visits the bureau has not got round to: a plan page shows some enterprises behind. */
const VISIT_SKIPPED = 0.2;

/**
 * The bureau's routine on-site inspections of the year so far (R15's visits): spread over the year
 * at each enterprise, some skipped, none in the last week, with nothing found (the demo's findings
 * are addCrossChecks'). Its own random sequence leaves the rest of the demo as it was.
 */
function addRoutineVisits(history: SeedHistory, org: Organisation, now: Date): void {
  const rng = new Random(20_260_101);
  const bureauYear = new Date(now.getTime() + BUREAU_OFFSET_MS).getUTCFullYear();
  const yearStart = Date.UTC(bureauYear, 0, 1) - BUREAU_OFFSET_MS;
  const yearMs = Date.UTC(bureauYear + 1, 0, 1) - BUREAU_OFFSET_MS - yearStart;
  const latest = now.getTime() - 7 * DAY_MS;
  for (const enterprise of org.enterprises) {
    if (INSPECTED.includes(enterprise.code)) continue;
    const staff = org.staffOf.get(enterprise.department)!;
    const planned = rng.pick(VISITS_A_YEAR);
    // Visits are spread over the part of the year the enterprise has been registered (R15's plan does the same).
    const from = Math.max(yearStart, enterprise.registeredAt.getTime() + DAY_MS);
    const span = yearStart + yearMs - from;
    for (let k = 0; k < planned; k++) {
      const at = atBureauHour(from + ((k + rng.between(0.1, 0.9)) / planned) * span, rng.between(9, 16));
      const skipped = rng.chance(VISIT_SKIPPED);
      if (skipped || at.getTime() > latest || at < enterprise.registeredAt) continue;
      history.inspect(enterprise, at, InspectionKind.REGULATOR_INSPECTION, staff.inspector, []);
    }
  }
}

/** Enterprises whose on-site inspections the demo shows: one per department, none of the quiet or overdue ones. */
const INSPECTED = ['e005', 'e030', 'e045', 'e070', 'e085'];

/**
 * The demo's share of inspections and enforcement: in each department an on-site inspection a week ago that
 * matched a filed hazard, found one unfiled (a discrepancy, rectified on the spot) and, where one was closed,
 * found it not really rectified; plus a summons, a case and a penalty for enterprises that missed deadlines.
 * A separate generator keeps the rest of the demo data as it was.
 */
function addCrossChecks(history: SeedHistory, org: Organisation, now: Date): void {
  const rng = new Random(20_170_101);
  const byCode = (code: string) => org.enterprises.find((e) => e.code === code)!;
  for (const code of INSPECTED) {
    const enterprise = byCode(code);
    const staff = org.staffOf.get(enterprise.department)!;
    const at = atBureauHour(now.getTime() - rng.between(5, 9) * DAY_MS, rng.between(9, 16));
    const own = history.hazards.filter((h) => h.enterprise === enterprise.id && h.filedAt < at);
    const matched = own.find((h) => h.status !== HazardStatus.CLOSED) ?? own[own.length - 1];
    const closed = [...own]
      .reverse()
      .find((h) => h.status === HazardStatus.CLOSED && !h.rectifiedOnSpot && h.closedAt && h.closedAt < at);
    const unfiled: SeedHazard = {
      id: rng.uuid(),
      enterprise: enterprise.id,
      title: rng.pick(titlesFor(enterprise.industry, HazardGrade.THIRD)),
      location: rng.pick(LOCATIONS[enterprise.industry]),
      grade: HazardGrade.THIRD,
      status: HazardStatus.CLOSED,
      source: HazardSource.REGULATOR_INSPECTION,
      rectifiedOnSpot: true,
      backfilled: false,
      discoveredAt: at,
      filedAt: at,
      closedAt: at,
      submittedLate: false,
      measures: '现场立即整改',
      responsiblePerson: rng.pick(RESPONSIBLE),
      filedBy: staff.inspector,
    };
    history.file(unfiled);
    const findings: Parameters<SeedHistory['inspect']>[4] = [
      { outcome: FindingOutcome.NEW_HAZARD, hazard: unfiled, note: '企业未填报' },
    ];
    if (matched) findings.unshift({ outcome: FindingOutcome.MATCHED, hazard: matched });
    if (closed && closed !== matched) {
      findings.push({
        outcome: FindingOutcome.NOT_RECTIFIED,
        hazard: closed,
        deadline: endOfBureauDay(now, rng.int(5, 10)),
        note: '现场复查发现未整改到位',
      });
    }
    history.inspect(enterprise, at, InspectionKind.REGULATOR_INSPECTION, staff.inspector, findings);
  }

  const overdueOf = (code: string) =>
    history.hazards.find(
      (h) => h.enterprise === byCode(code).id && h.status === HazardStatus.RECTIFYING && h.deadline && h.deadline < now,
    );
  const act = (code: string, kind: EnforcementKind, basis: string, extra: { amountFen?: number; note: string }) => {
    const enterprise = byCode(code);
    const hazard = overdueOf(code);
    const at = new Date(
      Math.max(hazard?.deadline?.getTime() ?? 0, now.getTime() - 3 * DAY_MS) + rng.between(2, 20) * HOUR_MS,
    );
    if (at >= now) return;
    history.enforce(enterprise, at, org.staffOf.get(enterprise.department)!.chief, {
      kind,
      basis,
      hazards: hazard ? [hazard] : [],
      ...extra,
    });
  };
  act('e003', EnforcementKind.SUMMONS, '《安全生产法》第六十五条', { note: '约谈企业主要负责人，督促整改逾期隐患' });
  act('e025', EnforcementKind.CASE_FILED, '《安全生产法》第九十九条', { note: '逾期未整改，立案查处' });
  act('e066', EnforcementKind.PENALTY, '《安全生产法》第九十九条', {
    amountFen: 30_000 * 100,
    note: '逾期未整改，处三万元罚款',
  });
}
