import type { EntityManager } from '@mikro-orm/knex';
import { enterpriseScopeSql, type Scope } from '../auth/scope.js';
import { ENTERPRISE_ROLE } from '../auth/role.js';
import { isPostgres } from '../common/dialect.js';
import { requireId } from '../common/ids.js';
import { EnforcementKind } from '../enforcement/enforcement.entity.js';
import { HazardGrade, HazardStatus } from '../hazard/hazard.enums.js';
import { InspectionKind } from '../inspection/inspection.enums.js';
import { CheckTaskStatus } from '../risk/risk.enums.js';
import type { GradeRate } from './grade-rate.type.js';
import { StatsDimension, type StatsFilter } from './stats-dimension.js';

/**
 * The grouped statistics (R16) as a fixed set of SQL aggregates: one statement per kind of record,
 * whatever the number of groups or points. Every statement joins a small table `p` of periods
 * (one row for `statsBy` and `stats`, one per point for `statsSeries`) and groups by the period or
 * by the dimension's column, so the same conditions produce the totals, the groups and the points.
 */

const DAY_MS = 86_400_000;
const REPEAT_WINDOW_MS = 90 * DAY_MS;

/** A period: records with a time in [start, end) count in it; rates are taken at `at`. */
export interface StatsPeriod {
  start: Date;
  end: Date;
  at: Date;
}

export interface StatsWindows {
  noLoginWindowMs: number;
  noFilingWindowMs: number;
}

/** What one group (or point) adds up to; the fields of `Stats`. */
export interface StatsFigures {
  inspections: number;
  selfInspections: number;
  regulatorInspections: number;
  hazardsFound: number;
  rectifiedOnSpot: number;
  hazardsEntered: number;
  overdue: number;
  closed: number;
  penalties: number;
  suspensions: number;
  summonses: number;
  casesFiled: number;
  discrepancies: number;
  falseRectifications: number;
  loginRate: number;
  filingRate: number;
  onTimeRate: number;
  medianDaysToClose: number | null;
  p90DaysToClose: number | null;
  onTimeByGrade: GradeRate[];
  repeatHazards: number;
  selfReportShare: number | null;
  checksEnded: number;
  checksDone: number;
  checkCompletionRate: number;
}

export function emptyFigures(): StatsFigures {
  return {
    inspections: 0,
    selfInspections: 0,
    regulatorInspections: 0,
    hazardsFound: 0,
    rectifiedOnSpot: 0,
    hazardsEntered: 0,
    overdue: 0,
    closed: 0,
    penalties: 0,
    suspensions: 0,
    summonses: 0,
    casesFiled: 0,
    discrepancies: 0,
    falseRectifications: 0,
    loginRate: 1,
    filingRate: 1,
    onTimeRate: 1,
    medianDaysToClose: null,
    p90DaysToClose: null,
    onTimeByGrade: gradeRates([]),
    repeatHazards: 0,
    selfReportShare: null,
    checksEnded: 0,
    checksDone: 0,
    checkCompletionRate: 1,
  };
}

/** How the figures are keyed: by the period (`statsSeries`, `stats`) or by a dimension over one period. */
export type StatsGrouping = { kind: 'period' } | { kind: 'dimension'; dimension: StatsDimension };

/** The dimensions that describe a hazard rather than an enterprise. */
export function isHazardDimension(dimension: StatsDimension): boolean {
  return dimension === StatsDimension.GRADE || dimension === StatsDimension.SOURCE;
}

const ENTERPRISE_KEYS: Partial<Record<StatsDimension, string>> = {
  [StatsDimension.DEPARTMENT]: 'e.department_id',
  [StatsDimension.LEADER]: "coalesce(cast(d.leader_id as text), 'none')",
  [StatsDimension.TOWNSHIP]: 'e.township_id',
  [StatsDimension.INDUSTRY]: 'e.industry',
  [StatsDimension.ENTERPRISE]: 'e.id',
};

const HAZARD_KEYS: Partial<Record<StatsDimension, string>> = {
  [StatsDimension.GRADE]: 'h.grade',
  [StatsDimension.SOURCE]: 'h.source',
};

interface Query {
  sql: string;
  bindings: unknown[];
}

type Row = Record<string, unknown>;

class StatsSql {
  private readonly pg: boolean;
  private readonly hazardFiltered: boolean;

  constructor(
    private readonly em: EntityManager,
    private readonly scope: Scope,
    private readonly filter: StatsFilter | null | undefined,
    private readonly periods: readonly StatsPeriod[],
    private readonly grouping: StatsGrouping,
    private readonly parts: ReadonlySet<StatsPart> = ALL_PARTS,
  ) {
    this.pg = isPostgres(em);
    this.hazardFiltered = Boolean(filter?.grade || filter?.source);
  }

  /** A time as the column stores it: timestamptz on PostgreSQL, epoch milliseconds on SQLite. */
  private time(instant: Date): unknown {
    return this.pg ? instant : instant.getTime();
  }

  /** `column - duration`, in the column's own representation. */
  private minus(column: string, ms: number): string {
    return this.pg ? `(${column} - interval '${Math.round(ms)} milliseconds')` : `(${column} - ${Math.round(ms)})`;
  }

  /** `later - earlier` in milliseconds. */
  private elapsedMs(later: string, earlier: string): string {
    return this.pg ? `(extract(epoch from (${later} - ${earlier})) * 1000)` : `(${later} - ${earlier})`;
  }

  /** The periods as a VALUES list `p(i, s, e, t)`: index, start, end (exclusive), the instant rates are taken. */
  private periodsCte(): Query {
    const cast = (type: string) => (this.pg ? `cast(? as ${type})` : '?');
    const rows = this.periods.map(
      () => `(${cast('integer')}, ${cast('timestamptz')}, ${cast('timestamptz')}, ${cast('timestamptz')})`,
    );
    const bindings = this.periods.flatMap((p, i) => [i, this.time(p.start), this.time(p.end), this.time(p.at)]);
    return { sql: `with p(i, s, e, t) as (values ${rows.join(', ')})`, bindings };
  }

  /** The key expression, or null when this kind of record cannot be split by the dimension. */
  private key(onHazard: boolean): string | null {
    if (this.grouping.kind === 'period') return 'p.i';
    const { dimension } = this.grouping;
    return ENTERPRISE_KEYS[dimension] ?? (onHazard ? HAZARD_KEYS[dimension]! : null);
  }

  /** Scope (R6) and filter over the enterprise alias `e` (joined with its department `d`) and, if present, hazard `h`. */
  private where(onHazard: boolean): Query {
    const scope = enterpriseScopeSql(this.scope, 'e');
    const parts = [scope.sql];
    const bindings = [...scope.bindings];
    const add = (sql: string, value: unknown) => {
      parts.push(sql);
      bindings.push(value);
    };
    const f = this.filter;
    if (f?.departmentId) add('e.department_id = ?', requireId('filter.departmentId', f.departmentId));
    if (f?.leaderId) add('d.leader_id = ?', requireId('filter.leaderId', f.leaderId));
    if (f?.townshipId) add('e.township_id = ?', requireId('filter.townshipId', f.townshipId));
    if (f?.enterpriseId) add('e.id = ?', requireId('filter.enterpriseId', f.enterpriseId));
    if (f?.industry) add('e.industry = ?', f.industry);
    if (onHazard && f?.grade) add('h.grade = ?', f.grade);
    if (onHazard && f?.source) add('h.source = ?', f.source);
    return { sql: parts.join(' and '), bindings };
  }

  /** Runs one aggregate over `from` (which must bring aliases e and d), with the records' time in each period. */
  private async run(
    columns: string,
    from: string,
    time: string,
    options: {
      onHazard: boolean;
      columnBindings?: unknown[];
      extraWhere?: string;
      extraBindings?: unknown[];
      extraGroup?: string;
    },
  ): Promise<Row[] | null> {
    const key = this.key(options.onHazard);
    if (key === null || (!options.onHazard && this.hazardFiltered)) return null;
    const cte = this.periodsCte();
    const where = this.where(options.onHazard);
    const group = [key, options.extraGroup].filter(Boolean).join(', ');
    const sql = `${cte.sql} select ${key} as k, ${columns} from ${from} join p on ${time} >= p.s and ${time} < p.e where ${where.sql}${options.extraWhere ? ` and ${options.extraWhere}` : ''} group by ${group}`;
    return this.em.execute<Row[]>(sql, [
      ...cte.bindings,
      ...(options.columnBindings ?? []),
      ...where.bindings,
      ...(options.extraBindings ?? []),
    ]);
  }

  private readonly hazardFrom =
    'hazard h join enterprise e on e.id = h.enterprise_id join department d on d.id = e.department_id';

  /**
   * Hazards found in each period: on the spot, missed deadline (by `until`) and, when asked, repeats of a
   * recently closed one (an index probe per hazard found, the costliest column of the statistics).
   */
  found(until: Date): Promise<Row[] | null> {
    const repeat = `exists (select 1 from hazard r where r.enterprise_id = h.enterprise_id and r.id <> h.id and r.location = h.location and r.status = ? and r.closed_at <= h.discovered_at and r.closed_at >= ${this.minus('h.discovered_at', REPEAT_WINDOW_MS)})`;
    const repeats = this.parts.has('repeats');
    return this.run(
      `count(*) as found,
       sum(case when h.rectified_on_spot then 1 else 0 end) as on_spot,
       sum(case when not h.rectified_on_spot and h.deadline <= ? and (h.status = ? or h.submitted_late) then 1 else 0 end) as overdue${
         repeats
           ? `,\n       sum(case when h.location is not null and h.location <> '' and ${repeat} then 1 else 0 end) as repeats`
           : ''
       }`,
      this.hazardFrom,
      'h.discovered_at',
      {
        onHazard: true,
        columnBindings: [this.time(until), HazardStatus.RECTIFYING, ...(repeats ? [HazardStatus.CLOSED] : [])],
      },
    );
  }

  /** Hazards closed in each period and, when asked, the ranks of the days-to-close distribution that the percentiles need. */
  async closing(): Promise<Row[] | null> {
    if (!this.parts.has('percentiles')) {
      return this.run('count(*) as closed', this.hazardFrom, 'h.closed_at', {
        onHazard: true,
        extraWhere: 'h.status = ?',
        extraBindings: [HazardStatus.CLOSED],
      });
    }
    const key = this.key(true);
    if (key === null) return null;
    const cte = this.periodsCte();
    const where = this.where(true);
    // Percentiles by rank with window functions, which SQLite and PostgreSQL both have; the JS side interpolates.
    const sql = `${cte.sql}, c as (
        select ${key} as k, h.rectified_on_spot as on_spot, ${this.elapsedMs('h.closed_at', 'h.discovered_at')} as ms
        from ${this.hazardFrom} join p on h.closed_at >= p.s and h.closed_at < p.e
        where ${where.sql} and h.status = ?),
      r as (
        select k, ms, row_number() over (partition by k order by ms) as rn, count(*) over (partition by k) as n
        from c where not on_spot),
      totals as (select k, count(*) as closed from c group by k)
      select totals.k as k, totals.closed as closed, r.rn as rn, r.n as n, r.ms as ms
      from totals left join r on r.k = totals.k
        and (r.rn - 1 = (r.n - 1) / 2 or r.rn - 1 = (r.n - 1) / 2 + 1
          or r.rn - 1 = ((r.n - 1) * 9) / 10 or r.rn - 1 = ((r.n - 1) * 9) / 10 + 1)`;
    return this.em.execute<Row[]>(sql, [...cte.bindings, ...where.bindings, HazardStatus.CLOSED]);
  }

  /** Hazards due in each period (up to `until`) by grade, and those reported rectified by their deadline (R10). */
  due(from: Date, until: Date): Promise<Row[] | null> {
    return this.run(
      `h.grade as grade, count(*) as due,
       sum(case when h.submitted_at is not null and not h.submitted_late and h.status <> ? then 1 else 0 end) as on_time`,
      this.hazardFrom,
      'h.deadline',
      {
        onHazard: true,
        columnBindings: [HazardStatus.RECTIFYING],
        extraWhere: 'not h.rectified_on_spot and h.deadline >= ? and h.deadline <= ?',
        extraBindings: [this.time(from), this.time(until)],
        extraGroup: 'h.grade',
      },
    );
  }

  /** Inspections in each period, by kind. */
  inspections(): Promise<Row[] | null> {
    return this.run(
      'i.kind as kind, count(*) as n',
      'inspection i join enterprise e on e.id = i.enterprise_id join department d on d.id = e.department_id',
      'i.inspected_at',
      { onHazard: false, extraGroup: 'i.kind' },
    );
  }

  /** Enforcement actions recorded in each period, by kind. */
  enforcement(): Promise<Row[] | null> {
    return this.run(
      'a.kind as kind, count(*) as n',
      'enforcement_action a join enterprise e on e.id = a.enterprise_id join department d on d.id = e.department_id',
      'a.recorded_at',
      { onHazard: false, extraGroup: 'a.kind' },
    );
  }

  /** Findings of the bureau's on-site inspections in each period: all, unfiled (discrepancies), falsely closed. */
  findings(): Promise<Row[] | null> {
    return this.run(
      `count(*) as n,
       sum(case when f.discrepancy then 1 else 0 end) as discrepancies,
       sum(case when f.false_rectification then 1 else 0 end) as false_rectifications`,
      `inspection_finding f join inspection i on i.id = f.inspection_id join hazard h on h.id = f.hazard_id
       join enterprise e on e.id = i.enterprise_id join department d on d.id = e.department_id`,
      'i.inspected_at',
      { onHazard: true, extraWhere: 'i.kind = ?', extraBindings: [InspectionKind.REGULATOR_INSPECTION] },
    );
  }

  /** Check cycles (R14) that ended in each period, and those whose check was recorded. */
  checks(): Promise<Row[] | null> {
    return this.run(
      `count(*) as ended, sum(case when t.status = ? then 1 else 0 end) as done`,
      'check_task t join enterprise e on e.id = t.enterprise_id join department d on d.id = e.department_id',
      't.due_at',
      {
        onHazard: false,
        columnBindings: [CheckTaskStatus.DONE],
        extraWhere: 't.status in (?, ?)',
        extraBindings: [CheckTaskStatus.DONE, CheckTaskStatus.MISSED],
      },
    );
  }

  /**
   * R10 login and filing rates at each period's `t`, over the enterprises registered by then: compliant when
   * active inside the window ending at `t`, or registered inside it (not yet due). The same rule as rates.ts,
   * over the same enterprises: those that count now (R13, `countedEnterpriseSql`), so a group's rate and the whole's agree.
   */
  async rates(windows: StatsWindows): Promise<Row[] | null> {
    if (this.grouping.kind === 'dimension' && isHazardDimension(this.grouping.dimension)) {
      const unsplit = { ...this.filter, grade: undefined, source: undefined };
      return new StatsSql(this.em, this.scope, unsplit, this.periods, { kind: 'period' }, this.parts).rates(windows);
    }
    const key = this.key(false)!;
    const cte = this.periodsCte();
    const where = this.where(false);
    const login = this.minus('p.t', windows.noLoginWindowMs);
    const filing = this.minus('p.t', windows.noFilingWindowMs);
    // When the enterprise's latest sign-in (filing) is not after `t`, it is the latest before `t`, and the stored
    // column answers as rates.ts does up to now; only an enterprise active since `t` needs the probe into the log.
    const active = (stored: string, start: string, probe: string) =>
      `(case when e.${stored} is null or e.${stored} <= p.t then e.${stored} >= ${start} else exists (${probe}) end)`;
    const signedIn = active(
      'last_login_at',
      login,
      `select 1 from login_event l where l.enterprise_id = e.id and l.at >= ${login} and l.at <= p.t`,
    );
    const filedItself = active(
      'last_filing_at',
      filing,
      `select 1 from hazard fh join app_user u on u.id = fh.filed_by_id
          where fh.enterprise_id = e.id and fh.filed_at >= ${filing} and fh.filed_at <= p.t and u.role = ?`,
    );
    const sql = `${cte.sql} select ${key} as k, count(*) as n,
        sum(case when e.registered_at >= ${login} or ${signedIn} then 1 else 0 end) as logged_in,
        sum(case when e.registered_at >= ${filing} or ${filedItself} then 1 else 0 end) as filed
      from enterprise e join department d on d.id = e.department_id join p on e.registered_at <= p.t
      where ${where.sql} and e.active = true group by ${key}`;
    return this.em.execute<Row[]>(sql, [...cte.bindings, ENTERPRISE_ROLE, ...where.bindings]);
  }
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

function gradeRates(rows: readonly { grade: HazardGrade; due: number; onTime: number }[]): GradeRate[] {
  return Object.values(HazardGrade).map((grade) => {
    const row = rows.find((r) => r.grade === grade);
    const due = row?.due ?? 0;
    const onTime = row?.onTime ?? 0;
    return { grade, due, onTime, rate: due === 0 ? 1 : onTime / due };
  });
}

/** Linear interpolation between closest ranks (PostgreSQL's percentile_cont) from the rows around the rank. */
function percentile(ranks: ReadonlyMap<number, number>, n: number, p: number): number | null {
  if (n === 0) return null;
  const position = (n - 1) * p;
  const lo = Math.floor(position);
  const low = ranks.get(lo + 1)!;
  const high = ranks.get(Math.min(lo + 2, n)) ?? low;
  return (low + (high - low) * (position - lo)) / DAY_MS;
}

/**
 * The statements of the grouped figures, one each; `repeats` and `percentiles` are the costly columns
 * of `found` and `closing`, computed only when a figure that needs them is read.
 */
export type StatsPart =
  | 'found'
  | 'repeats'
  | 'closing'
  | 'percentiles'
  | 'due'
  | 'inspections'
  | 'enforcement'
  | 'findings'
  | 'checks'
  | 'rates';
const ALL_PARTS: ReadonlySet<StatsPart> = new Set<StatsPart>([
  'found',
  'repeats',
  'closing',
  'percentiles',
  'due',
  'inspections',
  'enforcement',
  'findings',
  'checks',
  'rates',
]);

/** Which statements (and costly columns) each figure of `Stats` comes from. */
export const FIGURE_PARTS: Record<keyof StatsFigures, readonly StatsPart[]> = {
  inspections: ['inspections'],
  selfInspections: ['inspections'],
  regulatorInspections: ['inspections'],
  hazardsFound: ['found'],
  rectifiedOnSpot: ['found'],
  hazardsEntered: ['found'],
  overdue: ['found'],
  repeatHazards: ['found', 'repeats'],
  closed: ['closing'],
  medianDaysToClose: ['closing', 'percentiles'],
  p90DaysToClose: ['closing', 'percentiles'],
  penalties: ['enforcement'],
  suspensions: ['enforcement'],
  summonses: ['enforcement'],
  casesFiled: ['enforcement'],
  discrepancies: ['findings'],
  falseRectifications: ['findings'],
  selfReportShare: ['findings'],
  loginRate: ['rates'],
  filingRate: ['rates'],
  onTimeRate: ['due'],
  onTimeByGrade: ['due'],
  checksEnded: ['checks'],
  checksDone: ['checks'],
  checkCompletionRate: ['checks'],
};

/** The parts that the figures read (every part when `fields` is absent: an export or a ranking reads them all). */
export function partsFor(fields: ReadonlySet<string> | undefined): ReadonlySet<StatsPart> {
  if (!fields) return ALL_PARTS;
  const parts = new Set<StatsPart>();
  for (const field of fields) for (const part of FIGURE_PARTS[field as keyof StatsFigures] ?? []) parts.add(part);
  return parts;
}

export interface GroupedFigures {
  /** The keys that have any record. */
  keys(): string[];
  /** The figures of a key; a key with no record gets zero counts (and the rates it has). */
  get(key: string): StatsFigures;
}

/**
 * The figures per key (the period's index, or the dimension's value) in the viewer's scope.
 * `from`/`to` bound the whole query; `until` is `to`, or now if earlier (deadlines and due dates count up to it).
 */
export async function groupedFigures(
  em: EntityManager,
  scope: Scope,
  windows: StatsWindows,
  filter: StatsFilter | null | undefined,
  periods: readonly StatsPeriod[],
  grouping: StatsGrouping,
  from: Date,
  until: Date,
  parts: ReadonlySet<StatsPart> = ALL_PARTS,
): Promise<GroupedFigures> {
  const q = new StatsSql(em, scope, filter, periods, grouping, parts);
  const part = <T>(name: StatsPart, run: () => Promise<T>) => (parts.has(name) ? run() : Promise.resolve(null));
  const [found, closing, due, inspections, enforcement, findings, checks, rates] = await Promise.all([
    part('found', () => q.found(until)),
    part('closing', () => q.closing()),
    part('due', () => q.due(from, until)),
    part('inspections', () => q.inspections()),
    part('enforcement', () => q.enforcement()),
    part('findings', () => q.findings()),
    part('checks', () => q.checks()),
    part('rates', () => q.rates(windows)),
  ]);

  const figures = new Map<string, StatsFigures>();
  const at = (key: unknown): StatsFigures => {
    const k = String(key);
    let f = figures.get(k);
    if (!f) figures.set(k, (f = emptyFigures()));
    return f;
  };

  for (const row of found ?? []) {
    const f = at(row.k);
    f.hazardsFound = num(row.found);
    f.rectifiedOnSpot = num(row.on_spot);
    f.hazardsEntered = f.hazardsFound - f.rectifiedOnSpot;
    f.overdue = num(row.overdue);
    f.repeatHazards = num(row.repeats);
  }

  const ranks = new Map<string, { n: number; ms: Map<number, number> }>();
  for (const row of closing ?? []) {
    at(row.k).closed = num(row.closed);
    if (row.rn === null || row.rn === undefined) continue;
    const entry = ranks.get(String(row.k)) ?? { n: num(row.n), ms: new Map<number, number>() };
    entry.ms.set(num(row.rn), num(row.ms));
    ranks.set(String(row.k), entry);
  }
  for (const [key, { n, ms }] of ranks) {
    const f = at(key);
    f.medianDaysToClose = percentile(ms, n, 0.5);
    f.p90DaysToClose = percentile(ms, n, 0.9);
  }

  const dueByKey = new Map<string, { grade: HazardGrade; due: number; onTime: number }[]>();
  for (const row of due ?? []) {
    const list = dueByKey.get(String(row.k)) ?? [];
    list.push({ grade: row.grade as HazardGrade, due: num(row.due), onTime: num(row.on_time) });
    dueByKey.set(String(row.k), list);
  }
  for (const [key, list] of dueByKey) {
    const f = at(key);
    f.onTimeByGrade = gradeRates(list);
    const dueCount = list.reduce((s, r) => s + r.due, 0);
    const onTime = list.reduce((s, r) => s + r.onTime, 0);
    f.onTimeRate = dueCount === 0 ? 1 : onTime / dueCount;
  }

  for (const row of inspections ?? []) {
    const f = at(row.k);
    if (row.kind === InspectionKind.SELF_INSPECTION) f.selfInspections = num(row.n);
    else f.regulatorInspections = num(row.n);
    f.inspections = f.selfInspections + f.regulatorInspections;
  }

  const enforcementField: Record<EnforcementKind, keyof StatsFigures> = {
    [EnforcementKind.PENALTY]: 'penalties',
    [EnforcementKind.SUSPENSION]: 'suspensions',
    [EnforcementKind.SUMMONS]: 'summonses',
    [EnforcementKind.CASE_FILED]: 'casesFiled',
  };
  for (const row of enforcement ?? []) {
    const field = enforcementField[row.kind as EnforcementKind];
    if (field) (at(row.k) as unknown as Record<string, number>)[field] = num(row.n);
  }

  for (const row of findings ?? []) {
    const f = at(row.k);
    const n = num(row.n);
    f.discrepancies = num(row.discrepancies);
    f.falseRectifications = num(row.false_rectifications);
    f.selfReportShare = n === 0 ? null : (n - f.discrepancies) / n;
  }

  for (const row of checks ?? []) {
    const f = at(row.k);
    f.checksEnded = num(row.ended);
    f.checksDone = num(row.done);
    f.checkCompletionRate = f.checksEnded === 0 ? 1 : f.checksDone / f.checksEnded;
  }

  // Rates of a hazard dimension come from one whole-scope row: every group, even an empty one, gets it.
  const wholeScopeRates = grouping.kind === 'dimension' && isHazardDimension(grouping.dimension);
  const withRates = (f: StatsFigures, row: Row | undefined): StatsFigures => {
    const n = num(row?.n);
    f.loginRate = n === 0 ? 1 : num(row!.logged_in) / n;
    f.filingRate = n === 0 ? 1 : num(row!.filed) / n;
    return f;
  };
  if (wholeScopeRates) for (const f of figures.values()) withRates(f, rates?.[0]);
  else for (const row of rates ?? []) withRates(at(row.k), row);
  return {
    keys: () => [...figures.keys()],
    get: (key) => figures.get(key) ?? (wholeScopeRates ? withRates(emptyFigures(), rates?.[0]) : emptyFigures()),
  };
}
