import { parseDuration } from '../modules/common/duration.js';
import { highestLevel, riskLevelOf, riskScore, type RiskBands } from '../modules/risk/risk-bands.js';
import { CheckTaskStatus, type RiskLevel } from '../modules/risk/risk.enums.js';
import type { SeedEnterprise } from './organisation.js';
import type { Random } from './random.js';
import { POINT_OWNERS, RISK_POINTS, type RiskPointTemplate } from './risk-register-texts.js';
import type { SeedCheckTask, SeedHistory, SeedMeasure, SeedRiskPoint } from './seed-history.js';

/** Share of red assessments of a register's first point, the one that can be red. */
const RED_CHANCE = 0.12;
/** Share of ended cycles an up-to-date enterprise missed, each caught up by a check in the next cycle. */
const STRAY_MISS = 0.03;
/**
 * An up-to-date enterprise's stray misses lie at least this far apart, so that none of them reaches the
 * bulletin's `BULLETIN_MIN_MISSED_CHECKS` (3) in a half-month: only the enterprises meant to have
 * lapsed are named for missed checks, as a bureau would expect of its demo.
 */
const STRAY_SPACING_MS = 16 * 86_400_000;

export interface RegisterPlan {
  /** When the enterprise entered its register; its measures' first cycles start then. */
  enteredAt: Date;
  /** Entered its risk points but never its control measures (an enterprise that went quiet). */
  pointsOnly?: boolean;
  /** Its latest checks of a measure or two went unrecorded: it stands on the CHECKS_MISSED display. */
  missing?: boolean;
}

function likelihoodOf(rng: Random, template: RiskPointTemplate, first: boolean): number {
  const [low, high] = template.likelihood;
  if (first && rng.chance(RED_CHANCE)) return high;
  return rng.int(low, Math.max(low, high - 1));
}

function pickPoints(rng: Random, templates: readonly RiskPointTemplate[]): RiskPointTemplate[] {
  const [first, ...rest] = templates;
  const others = [...rest];
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [others[i], others[j]] = [others[j]!, others[i]!];
  }
  return [first!, ...others.slice(0, rng.int(2, Math.min(4, others.length)))];
}

/**
 * One enterprise's risk register (R14) in the seeded history: risk points of its industry assessed by
 * LS under `bands`, their control measures, and every check cycle from the register's entry up to
 * `now` — recorded within the cycle, except stray misses caught up at once and, for a `missing`
 * enterprise, its latest cycles of one or two measures. The current cycle's task is open (or already
 * recorded), so the check watcher finds nothing overdue when the server starts.
 */
export function seedRegister(
  history: SeedHistory,
  enterprise: SeedEnterprise,
  plan: RegisterPlan,
  rng: Random,
  now: Date,
  bands: RiskBands,
  opts: { checksAsInspections: boolean },
): void {
  const templates = pickPoints(rng, RISK_POINTS[enterprise.industry]);
  const levels: RiskLevel[] = [];
  const firstOwner = rng.int(0, POINT_OWNERS.length - 1);
  const entered: Array<{ template: RiskPointTemplate; point: SeedRiskPoint }> = [];
  templates.forEach((template, i) => {
    const likelihood = likelihoodOf(rng, template, i === 0);
    const score = riskScore(likelihood, template.severity);
    const at = new Date(plan.enteredAt.getTime() + i * 4 * 60_000);
    const point: SeedRiskPoint = {
      id: rng.uuid(),
      enterprise: enterprise.id,
      name: template.name,
      kind: template.kind,
      location: template.location,
      likelihood,
      severity: template.severity,
      score,
      level: riskLevelOf(score, bands),
      responsiblePerson: POINT_OWNERS[(firstOwner + i) % POINT_OWNERS.length]!,
      createdAt: at,
      updatedAt: at,
    };
    const previous = highestLevel(levels);
    levels.push(point.level);
    history.enterRiskPoint(enterprise, point, { enterprise: highestLevel(levels)!, previous });
    entered.push({ template, point });
  });
  if (plan.pointsOnly) return;

  const measures: SeedMeasure[] = [];
  entered.forEach(({ template, point }, i) => {
    template.measures.forEach((t, k) => {
      const at = new Date(plan.enteredAt.getTime() + (entered.length + i) * 4 * 60_000 + k * 60_000);
      const measure: SeedMeasure = {
        id: rng.uuid(),
        riskPoint: point.id,
        enterprise: enterprise.id,
        description: t.description,
        category: t.category,
        checkEvery: t.checkEvery,
        checkEverySeconds: parseDuration(t.checkEvery)! / 1000,
        checkRole: t.checkRole,
        nextDueAt: at,
        createdAt: at,
        updatedAt: at,
      };
      history.addMeasure(enterprise, measure);
      measures.push(measure);
    });
  });

  // The measures a missing enterprise stopped checking: its shortest cycles, where a lapse shows first.
  const lapsed = new Set(
    plan.missing
      ? [...measures]
          .sort((a, b) => a.checkEverySeconds - b.checkEverySeconds)
          .slice(0, rng.int(1, 2))
          .map((m) => m.id)
      : [],
  );
  const strays: number[] = [];
  const strayFits = (at: Date) => strays.every((t) => Math.abs(t - at.getTime()) >= STRAY_SPACING_MS);
  for (const measure of measures) {
    const cycle = measure.checkEverySeconds * 1000;
    const lapsedCycles = lapsed.has(measure.id) ? rng.int(1, 3) : 0;
    const ended = Math.floor((now.getTime() - measure.createdAt.getTime()) / cycle);
    for (let k = 0; k <= ended; k++) {
      const opensAt = new Date(measure.createdAt.getTime() + k * cycle);
      const dueAt = new Date(opensAt.getTime() + cycle);
      const current = dueAt > now;
      const task: SeedCheckTask = {
        id: rng.uuid(),
        measure: measure.id,
        enterprise: enterprise.id,
        opensAt,
        dueAt,
        status: CheckTaskStatus.DUE,
      };
      const doneAt = new Date(opensAt.getTime() + cycle * rng.between(0.05, 0.8));
      if (current) {
        if (!lapsedCycles && doneAt < now) {
          task.status = CheckTaskStatus.DONE;
          task.doneAt = doneAt;
        }
        measure.currentTaskId = task.id;
        measure.nextDueAt = dueAt;
      } else if (k >= ended - lapsedCycles) {
        task.status = CheckTaskStatus.MISSED;
        measure.missedAt = dueAt;
      } else if (k < ended - 1 - lapsedCycles && rng.chance(STRAY_MISS) && strayFits(dueAt)) {
        task.status = CheckTaskStatus.MISSED;
        strays.push(dueAt.getTime());
      } else {
        task.status = CheckTaskStatus.DONE;
        task.doneAt = doneAt;
      }
      history.checkTask(enterprise, measure, task, opts.checksAsInspections);
    }
  }
}
