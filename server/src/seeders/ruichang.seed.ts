import type { EntityManager } from '@mikro-orm/knex';
import { DAY_MS } from '../modules/common/duration.js';
import { EnforcementKind } from '../modules/enforcement/enforcement.entity.js';
import { HazardGrade, HazardSource, HazardStatus } from '../modules/hazard/hazard.enums.js';
import { FindingOutcome, InspectionKind } from '../modules/inspection/inspection.enums.js';
import { LOCATIONS, MEASURES, RESPONSIBLE, titlesFor } from './hazard-texts.js';
import { buildOrganisation, type SeedEnterprise } from './organisation.js';
import { DEFAULT_RISK_BANDS, type RiskBands } from '../modules/risk/risk-bands.js';
import { Random } from './random.js';
import { SeedHistory, type SeedHazard } from './seed-history.js';
import { seedRegister } from './seed-register.js';

const HOUR_MS = 3_600_000;
const BUREAU_OFFSET_MS = 8 * HOUR_MS;

/** The pilot as the report dates it: from 2016-10-09 to "截至今年4月9日" (we stop at noon, bureau time). */
export const PILOT_START = new Date('2016-10-09T00:00:00+08:00');
export const PILOT_END = new Date('2017-04-09T12:00:00+08:00');

/** The report's figures (seed/000_…txt): 1236 self-inspections found 3287 hazards, 1620 rectified on the spot, 1667 entered. */
export const RUICHANG = {
  inspections: 1236,
  hazardsFound: 3287,
  rectifiedOnSpot: 1620,
  penalties: 5,
  suspensions: 4,
} as const;

function atBureauHour(instant: number, hour: number): Date {
  const midnight = Math.floor((instant + BUREAU_OFFSET_MS) / DAY_MS) * DAY_MS - BUREAU_OFFSET_MS;
  return new Date(midnight + hour * HOUR_MS);
}

function endOfBureauDay(from: Date, days: number): Date {
  return new Date(atBureauHour(from.getTime() + days * DAY_MS, 24).getTime() - 1000);
}

function shuffled<T>(rng: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * SEED=ruichang-2017: the Ruichang pilot (100 enterprises, 8 townships, 5 departments) from
 * 2016-10-09 to 2017-04-09, on fixed historical dates whatever the clock says, built so that
 * `stats` over the pilot gives the report's figures: every enterprise logs in every few days and
 * self-inspects about every two weeks, every hazard entered is reported rectified before its
 * deadline, 5 enterprises are fined and 4 suspended; in its last ten days every enterprise keeps a
 * risk register and checks it (R14).
 */
export async function seedRuichang(
  em: EntityManager,
  now: Date,
  passwordHash: string,
  bands: RiskBands = DEFAULT_RISK_BANDS,
): Promise<void> {
  if (now < PILOT_END) {
    throw new Error(
      'SEED=ruichang-2017 lays out the pilot up to 2017-04-09 12:00 bureau time; start the clock there or later, e.g. FAKE_NOW=2017-04-09T12:00:00+08:00.',
    );
  }
  const rng = new Random(20_170_409);
  const org = buildOrganisation(rng, {
    // Registered on the morning the pilot began: the 15-day windows count from there (R2).
    registeredFrom: new Date('2016-10-09T00:00:00+08:00'),
    registeredTo: new Date('2016-10-09T08:00:00+08:00'),
    createdAt: new Date('2016-08-31T09:00:00+08:00'),
    passwordHash,
  });
  const history = new SeedHistory(org, () => rng.uuid());
  const start = PILOT_START.getTime();
  const end = PILOT_END.getTime();

  // Logins every one to four days, so every enterprise is inside the 15-day window throughout.
  for (const enterprise of org.enterprises) {
    for (let t = enterprise.registeredAt.getTime() + rng.between(0.1, 1) * DAY_MS; ; t += rng.between(1, 4) * DAY_MS) {
      const at = atBureauHour(t, rng.between(8, 11.5));
      if (at.getTime() >= end) break;
      history.login(enterprise, at);
    }
  }

  // 1236 self-inspections: 36 enterprises inspect 13 times, the other 64 twelve times, on evenly spaced
  // days, so that no enterprise ever goes 15 days without filing (the report's 100% filing rate).
  const extra = new Set(
    shuffled(
      rng,
      org.enterprises.map((_, i) => i),
    ).slice(0, RUICHANG.inspections - 12 * org.enterprises.length),
  );
  const pilotDays = Math.floor((end - start) / DAY_MS);
  const inspections: Array<{ enterprise: SeedEnterprise; at: Date }> = [];
  org.enterprises.forEach((enterprise, i) => {
    const n = extra.has(i) ? 13 : 12;
    for (let k = 0; k < n; k++) {
      const day = Math.round(((k + 1) * pilotDays) / (n + 1));
      inspections.push({ enterprise, at: atBureauHour(start + day * DAY_MS + HOUR_MS, rng.between(8.5, 16.5)) });
    }
  });

  // 3287 hazards: at least one per inspection, the rest spread at random; 1620 of them rectified on the spot.
  const perInspection = inspections.map(() => 1);
  for (let i = inspections.length; i < RUICHANG.hazardsFound; i++)
    perInspection[rng.int(0, inspections.length - 1)]! += 1;
  const onSpot = new Set(
    shuffled(
      rng,
      Array.from({ length: RUICHANG.hazardsFound }, (_, i) => i),
    ).slice(0, RUICHANG.rectifiedOnSpot),
  );

  let index = 0;
  const entered: SeedHazard[] = [];
  for (const [i, { enterprise, at }] of inspections.entries()) {
    const found: SeedHazard[] = [];
    for (let k = 0; k < perInspection[i]!; k++, index++) {
      const filedAt = new Date(at.getTime() + k * 60_000);
      const spot = onSpot.has(index);
      const roll = rng.next();
      const grade = spot
        ? roll < 0.1
          ? HazardGrade.SECOND
          : HazardGrade.THIRD
        : roll < 0.006
          ? HazardGrade.MAJOR
          : roll < 0.16
            ? HazardGrade.SECOND
            : HazardGrade.THIRD;
      const hazard: SeedHazard = {
        id: rng.uuid(),
        enterprise: enterprise.id,
        title: rng.pick(titlesFor(enterprise.industry, grade)),
        location: rng.pick(LOCATIONS[enterprise.industry]),
        grade,
        status: spot ? HazardStatus.CLOSED : HazardStatus.RECTIFYING,
        source: HazardSource.SELF_INSPECTION,
        rectifiedOnSpot: spot,
        backfilled: false,
        discoveredAt: new Date(Math.max(start, at.getTime() - rng.between(0.1, 2) * HOUR_MS)),
        filedAt,
        submittedLate: false,
        measures: rng.pick(MEASURES),
        responsiblePerson: rng.pick(RESPONSIBLE),
        filedBy: org.accountOf.get(enterprise.id),
      };
      if (spot) {
        hazard.closedAt = filedAt;
      } else {
        const days =
          grade === HazardGrade.MAJOR
            ? rng.between(30, 45)
            : grade === HazardGrade.SECOND
              ? rng.between(10, 20)
              : rng.between(3, 10);
        hazard.deadline = endOfBureauDay(filedAt, Math.round(days));
        // A deadline on the pilot's last day would fall due after the noon cut-off yet inside the reported period.
        if (hazard.deadline.getTime() > end && hazard.deadline.getTime() < end + DAY_MS)
          hazard.deadline = new Date(hazard.deadline.getTime() + DAY_MS);
        if (grade === HazardGrade.MAJOR) {
          hazard.planObjectives = '彻底消除重大隐患，恢复安全生产条件';
          hazard.planFunding = `专项资金 ${rng.int(10, 80)} 万元，物资已落实`;
          hazard.planEmergencyMeasures = '设置警戒区域，停止相关作业，落实专人值守和应急预案';
        }
        entered.push(hazard);
      }
      history.file(hazard);
      found.push(hazard);
    }
    history.inspect(
      enterprise,
      at,
      InspectionKind.SELF_INSPECTION,
      org.accountOf.get(enterprise.id)!,
      found.map((hazard) => ({ outcome: FindingOutcome.NEW_HAZARD, hazard })),
    );
  }

  // Every hazard entered is reported rectified before its deadline (none overdue) and confirmed by grade.
  for (const hazard of entered) {
    const filedAt = hazard.filedAt.getTime();
    const span = hazard.deadline!.getTime() - filedAt;
    const submitAt = filedAt + span * rng.between(0.3, 0.85);
    if (submitAt >= end) continue;
    history.submit(hazard, new Date(submitAt), '已按措施整改完毕，附整改后照片');
    const closeAt = submitAt + Math.min(rng.between(0.2, 2.5) * DAY_MS, (hazard.deadline!.getTime() - submitAt) * 0.9);
    if (closeAt < end) history.close(hazard, new Date(closeAt), history.confirmer(hazard));
  }

  // Enforcement: 5 enterprises fined for rectification not up to standard, 4 others suspended.
  const targets = shuffled(rng, org.enterprises).slice(0, RUICHANG.penalties + RUICHANG.suspensions);
  targets.forEach((enterprise, i) => {
    const at = atBureauHour(start + (30 + i * 17) * DAY_MS, rng.between(9, 16));
    const hazard = entered.find((h) => h.enterprise === enterprise.id && h.filedAt < at);
    const staff = org.staffOf.get(enterprise.department)!;
    if (i < RUICHANG.penalties) {
      history.enforce(enterprise, at, staff.chief, {
        kind: EnforcementKind.PENALTY,
        basis: '《安全生产法》第九十九条：未采取措施消除事故隐患',
        amountFen: rng.int(2, 5) * 10_000 * 100,
        note: '隐患整改不到位',
        hazards: hazard ? [hazard] : [],
      });
    } else {
      history.enforce(enterprise, at, staff.chief, {
        kind: EnforcementKind.SUSPENSION,
        basis: '《安全生产法》第九十九条：拒不执行的，责令停产停业整顿',
        suspensionDays: rng.int(7, 30),
        note: '未按期整改，责令停业整顿',
        hazards: hazard ? [hazard] : [],
      });
    }
  });

  addRegisters(history, org.enterprises, bands);
  await history.write(em);
}

/** Enterprises whose latest checks of a measure went unrecorded at the pilot's end, outside departments 1 and 2. */
const MISSING_CHECKS = ['e047', 'e069', 'e088'];

/**
 * The report's next step, "推进风险评估和风险管控", begun in the pilot's last ten days: every enterprise
 * enters its risk register and checks its measures up to the pilot's end. The checks are kept as
 * check tasks only, not as further self-inspections: the report's 1236 self-inspections are its own.
 * A separate generator keeps the pilot's figures as they were.
 */
function addRegisters(history: SeedHistory, enterprises: readonly SeedEnterprise[], bands: RiskBands): void {
  const rng = new Random(20_170_326);
  for (const enterprise of enterprises) {
    const enteredAt = atBureauHour(PILOT_END.getTime() - rng.between(7, 10) * DAY_MS, rng.between(9, 16));
    seedRegister(
      history,
      enterprise,
      { enteredAt, missing: MISSING_CHECKS.includes(enterprise.code) },
      rng,
      PILOT_END,
      bands,
      { checksAsInspections: false },
    );
  }
}
