import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps, Viewer } from '../../graphql/context.js';
import { badInput, conflict } from '../../graphql/errors.js';
import { groupedFigures, type StatsFigures } from '../analytics/stats-sql.js';
import { StatsDimension } from '../analytics/stats-dimension.js';
import { assertMayReadReports } from '../auth/permissions.js';
import { scopeTouchesDepartments, type Scope } from '../auth/scope.js';
import { canonicalJson } from '../common/canonical-json.js';
import { isPostgres } from '../common/dialect.js';
import { runChange } from '../event/change.js';
import { AssessmentKind, AssessmentRule } from './assessment.enums.js';
import { AssessmentPeriodRecord, AssessmentSchemeVersion } from './assessment.entity.js';
import { DEFAULT_SCHEMES } from './default-schemes.js';
import type {
  AssessmentItem,
  AssessmentPeriod,
  AssessmentScheme,
  AssessmentSchemeInput,
  AssessmentScore,
} from './scheme.types.js';
import { isRateMetric, scoreSubjects, type Subject } from './scoring.js';

/** The version in force: the latest saved, else the built-in default (version 0). */
export async function schemeInForce(em: EntityManager, kind: AssessmentKind): Promise<AssessmentScheme> {
  const [latest] = await em.find(AssessmentSchemeVersion, { kind }, { orderBy: { version: 'desc' }, limit: 1 });
  if (!latest) return { kind, version: 0, note: '内置默认方案', savedAt: null, items: DEFAULT_SCHEMES[kind] };
  return {
    kind,
    version: latest.version,
    note: latest.note ?? null,
    savedAt: latest.savedAt,
    items: JSON.parse(latest.items) as AssessmentItem[],
  };
}

export async function schemeVersions(em: EntityManager, kind: AssessmentKind): Promise<AssessmentScheme[]> {
  const rows = await em.find(AssessmentSchemeVersion, { kind }, { orderBy: { version: 'desc' } });
  const saved = rows.map((r) => ({
    kind,
    version: r.version,
    note: r.note ?? null,
    savedAt: r.savedAt,
    items: JSON.parse(r.items) as AssessmentItem[],
  }));
  return [...saved, { kind, version: 0, note: '内置默认方案', savedAt: null, items: DEFAULT_SCHEMES[kind] }];
}

/** A scheme's items must make 100 points with rules that can be applied; anything else is refused whole. */
export function checkSchemeItems(input: AssessmentSchemeInput): AssessmentItem[] {
  if (input.items.length === 0) throw badInput('assessment.noItems', {}, 'items');
  const keys = new Set<string>();
  const items = input.items.map((item, i): AssessmentItem => {
    const field = `items.${i}`;
    const key = item.key.trim();
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key))
      throw badInput('assessment.keyInvalid', { n: i + 1 }, `${field}.key`);
    if (keys.has(key)) throw badInput('assessment.keyRepeated', { n: i + 1, key }, `${field}.key`);
    keys.add(key);
    const label = item.label.trim();
    if (!label || label.length > 60) throw badInput('assessment.labelInvalid', { n: i + 1 }, `${field}.label`);
    if (!(item.points > 0)) throw badInput('assessment.pointsInvalid', { label }, `${field}.points`);
    if (item.rule === AssessmentRule.LINEAR) {
      const { floor, target } = item;
      if (floor === undefined || floor === null || target === undefined || target === null || floor === target)
        throw badInput('assessment.linearRange', { label }, `${field}.target`);
      if (isRateMetric(item.metric) && [floor, target].some((v) => v < 0 || v > 1))
        throw badInput('assessment.rateRange', { label }, `${field}.target`);
      return { key, label, metric: item.metric, points: item.points, rule: item.rule, floor, target, pointsEach: null };
    }
    if (!(item.pointsEach !== undefined && item.pointsEach !== null && item.pointsEach > 0))
      throw badInput('assessment.pointsEach', { label }, `${field}.pointsEach`);
    return {
      key,
      label,
      metric: item.metric,
      points: item.points,
      rule: item.rule,
      floor: null,
      target: null,
      pointsEach: item.pointsEach,
    };
  });
  const total = items.reduce((s, i) => s + i.points, 0);
  if (Math.abs(total - 100) > 1e-6)
    throw badInput('assessment.total', { total: Math.round(total * 100) / 100 }, 'items');
  return items;
}

/** saveAssessmentScheme: a new version; older ones stay, closed periods keep the version they used. */
export async function saveScheme(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  input: AssessmentSchemeInput,
): Promise<AssessmentScheme> {
  const items = checkSchemeItems(input);
  const now = deps.clock.now();
  return runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    const current = await schemeInForce(tx, input.kind);
    const row = tx.create(AssessmentSchemeVersion, {
      kind: input.kind,
      version: current.version + 1,
      items: canonicalJson(items),
      note: input.note?.trim() || undefined,
      savedAt: now,
      savedBy: viewer.user.id,
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'assessment.scheme_saved',
      subjectType: 'assessment_scheme',
      subjectId: row.id,
      data: { kind: input.kind, version: row.version, items },
    });
    return { kind: input.kind, version: row.version, note: row.note ?? null, savedAt: now, items };
  });
}

interface ScoredSubject extends Subject {
  departmentIds: string[];
}

/** The subjects of a kind with their figures, bureau-wide: ranks are the bureau's, whoever looks. */
async function subjects(
  em: EntityManager,
  deps: AppDeps,
  kind: AssessmentKind,
  from: Date,
  to: Date,
): Promise<ScoredSubject[]> {
  const now = deps.clock.now();
  const until = to < now ? to : now;
  const period = [{ start: from, end: new Date(to.getTime() + 1), at: until }];
  const all: Scope = { kind: 'all' };
  const figures = (dimension: StatsDimension) =>
    groupedFigures(em, all, deps.env, null, period, { kind: 'dimension', dimension }, from, until);
  const at = (f: StatsFigures) => f;
  if (kind === AssessmentKind.ENTERPRISE) {
    const [rows, grouped] = await Promise.all([
      em.execute<Array<{ id: string; name: string; department_id: string }>>(
        // R13: a retired enterprise leaves the ranking as it leaves every count (`e.active = true` as in standing.ts).
        'select e.id, e.name, e.department_id from enterprise e where e.registered_at <= ? and e.active = true order by e.code',
        [isPostgres(em) ? to : to.getTime()],
      ),
      figures(StatsDimension.ENTERPRISE),
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      departmentIds: [r.department_id],
      figures: at(grouped.get(r.id)),
    }));
  }
  const departments = await em.execute<
    Array<{
      id: string;
      name: string;
      leader_id: string | null;
      leader_name: string | null;
      chief_id: string | null;
      chief_name: string | null;
    }>
  >(
    `select d.id, d.name, d.leader_id, lu.display_name as leader_name, d.chief_id, cu.display_name as chief_name
     from department d left join app_user lu on lu.id = d.leader_id left join app_user cu on cu.id = d.chief_id order by d.number`,
  );
  const byDepartment = await figures(StatsDimension.DEPARTMENT);
  if (kind === AssessmentKind.DEPARTMENT) {
    return departments.map((d) => ({ id: d.id, name: d.name, departmentIds: [d.id], figures: byDepartment.get(d.id) }));
  }
  const byLeader = await figures(StatsDimension.LEADER);
  const leaders = new Map<string, ScoredSubject>();
  for (const d of departments) {
    if (!d.leader_id) continue;
    const leader = leaders.get(d.leader_id) ?? {
      id: d.leader_id,
      name: `${d.leader_name}（分管领导）`,
      departmentIds: [],
      figures: byLeader.get(d.leader_id),
    };
    leader.departmentIds.push(d.id);
    leaders.set(d.leader_id, leader);
  }
  const chiefs = departments
    .filter((d) => d.chief_id)
    .map((d) => ({
      id: d.chief_id!,
      name: `${d.chief_name}（${d.name}科长）`,
      departmentIds: [d.id],
      figures: byDepartment.get(d.id),
    }));
  return [...leaders.values(), ...chiefs];
}

function checkPeriod(from: Date, to: Date): void {
  if (to < from) throw badInput('common.toBeforeFrom', {}, 'to');
}

type FrozenScore = AssessmentScore & { departmentIds: string[] };

async function compute(em: EntityManager, deps: AppDeps, kind: AssessmentKind, from: Date, to: Date) {
  const [scheme, list] = await Promise.all([schemeInForce(em, kind), subjects(em, deps, kind, from, to)]);
  const departmentsOf = new Map(list.map((s) => [s.id, s.departmentIds]));
  const scores: FrozenScore[] = scoreSubjects(scheme.items, list).map((s) => ({
    ...s,
    departmentIds: departmentsOf.get(s.subjectId)!,
  }));
  return { scheme, scores };
}

const forViewer = (viewer: Viewer, scores: FrozenScore[]): AssessmentScore[] =>
  scores
    .filter((s) => scopeTouchesDepartments(viewer.scope, s.departmentIds))
    .map(({ departmentIds: _ignored, ...s }) => s);

/** `assessment(kind, from, to)`: a closed period's frozen results, else computed now with the scheme in force. */
export async function assessment(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  kind: AssessmentKind,
  from: Date,
  to: Date,
): Promise<AssessmentScore[]> {
  assertMayReadReports(viewer);
  checkPeriod(from, to);
  const closed = await em.findOne(AssessmentPeriodRecord, { kind, from, to });
  if (closed) return forViewer(viewer, JSON.parse(closed.results) as FrozenScore[]);
  return forViewer(viewer, (await compute(em, deps, kind, from, to)).scores);
}

function toPeriod(viewer: Viewer, row: AssessmentPeriodRecord): AssessmentPeriod {
  return {
    id: row.id,
    kind: row.kind,
    from: row.from,
    to: row.to,
    schemeVersion: row.schemeVersion,
    closedAt: row.closedAt,
    scores: forViewer(viewer, JSON.parse(row.results) as FrozenScore[]),
  };
}

export async function closedPeriods(
  em: EntityManager,
  viewer: Viewer,
  kind: AssessmentKind,
  before?: Date,
): Promise<AssessmentPeriod[]> {
  assertMayReadReports(viewer);
  const rows = await em.find(AssessmentPeriodRecord, before ? { kind, closedAt: { $lte: before } } : { kind }, {
    orderBy: { to: 'desc' },
  });
  return rows.map((r) => toPeriod(viewer, r));
}

/** closeAssessmentPeriod: computes once, stores the results and their hash in the audit chain; never again. */
export async function closePeriod(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  kind: AssessmentKind,
  from: Date,
  to: Date,
): Promise<AssessmentPeriod> {
  checkPeriod(from, to);
  const now = deps.clock.now();
  if (to > now) throw badInput('assessment.notOver', {}, 'to');
  const row = await runChange(em, deps.publisher, async (change) => {
    const { tx } = change;
    if (await tx.findOne(AssessmentPeriodRecord, { kind, from, to })) throw conflict('assessment.closed');
    const { scheme, scores } = await compute(tx, deps, kind, from, to);
    const results = canonicalJson(scores);
    const created = tx.create(AssessmentPeriodRecord, {
      kind,
      from,
      to,
      schemeVersion: scheme.version,
      results,
      closedAt: now,
      closedBy: viewer.user.id,
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'assessment.period_closed',
      subjectType: 'assessment_period',
      subjectId: created.id,
      data: {
        kind,
        from: from.toISOString(),
        to: to.toISOString(),
        schemeVersion: scheme.version,
        subjects: scores.length,
        resultsSha256: createHash('sha256').update(results).digest('hex'),
      },
    });
    return created;
  });
  return toPeriod(viewer, row);
}
