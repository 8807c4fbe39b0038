import type { EntityManager } from '@mikro-orm/knex';
import type { Scope } from '../auth/scope.js';
import { countedEnterpriseSql } from '../enterprise/standing.js';
import { ENTERPRISE_ROLE } from '../auth/role.js';
import { boolSql, dateParam, num, runSql } from '../common/raw-sql.js';
import { HazardStatus } from '../hazard/hazard.enums.js';

/** A share with its parts, so that nobody argues about what a percentage means (98/100). */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator; 1 when there is nothing to count. */
  value: number;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? 1 : numerator / denominator };
}

/** A condition on enterprise `e` with its bound values, and the join it needs, if any. */
interface Condition {
  sql: string;
  params: unknown[];
  join?: { sql: string; params: unknown[] };
}

/**
 * R10: the enterprise signed in (filed itself) inside [start, end]. When its stored latest sign-in
 * (`last_login_at`, `last_filing_at`) is not after `end`, that is its latest before `end` and answers
 * with one comparison: up to now, every enterprise. Only the enterprises active since `end` read the
 * log, as one set of the window's sign-ins joined to the enterprises, never a subplan over the log per
 * enterprise (issue 16); so a `to` a moment before the server's now (every "up to now" query from a
 * client) costs hardly more than now itself.
 */
function storedOrLogged(
  em: EntityManager,
  stored: 'last_login_at' | 'last_filing_at',
  logged: { sql: string; params: unknown[] },
  start: Date,
  end: Date,
  now: Date,
): Condition {
  if (end >= now) return { sql: `e.${stored} >= ?`, params: [dateParam(em, start)] };
  return {
    sql: `(case when e.${stored} is null or e.${stored} <= ? then e.${stored} >= ? else act.enterprise_id is not null end)`,
    params: [dateParam(em, end), dateParam(em, start)],
    join: { sql: `left join (${logged.sql}) act on act.enterprise_id = e.id`, params: logged.params },
  };
}

function signedIn(em: EntityManager, start: Date, end: Date, now: Date): Condition {
  const logged = {
    sql: `select distinct l.enterprise_id from login_event l join enterprise le on le.id = l.enterprise_id
      where le.last_login_at > ? and l.at >= ? and l.at <= ?`,
    params: [dateParam(em, end), dateParam(em, start), dateParam(em, end)],
  };
  return storedOrLogged(em, 'last_login_at', logged, start, end, now);
}

function filedItself(em: EntityManager, start: Date, end: Date, now: Date): Condition {
  const logged = {
    sql: `select distinct h.enterprise_id from hazard h join app_user u on u.id = h.filed_by_id
        join enterprise fe on fe.id = h.enterprise_id
      where fe.last_filing_at > ? and h.filed_at >= ? and h.filed_at <= ? and u.role = ?`,
    params: [dateParam(em, end), dateParam(em, start), dateParam(em, end), ENTERPRISE_ROLE],
  };
  return storedOrLogged(em, 'last_filing_at', logged, start, end, now);
}

/**
 * An enterprise counts as compliant at `end` when it logged in (filed) inside the window ending
 * there, or was registered inside it and so is not yet due (R2 counts from registration). The
 * denominator is every enterprise registered by `end`.
 */
function compliant(em: EntityManager, active: Condition, start: Date, end: Date): Condition {
  return {
    sql: `e.registered_at <= ? and ((${active.sql}) or e.registered_at >= ?)`,
    params: [dateParam(em, end), ...active.params, dateParam(em, start)],
    join: active.join,
  };
}

async function enterpriseRate(em: EntityManager, scope: Scope, end: Date, numerator: Condition): Promise<Rate> {
  const where = countedEnterpriseSql(scope, 'e');
  const [row] = await runSql(
    em,
    `select count(*) as denominator, sum(case when ${numerator.sql} then 1 else 0 end) as numerator
     from enterprise e ${numerator.join?.sql ?? ''} where ${where.sql} and e.registered_at <= ?`,
    [...numerator.params, ...(numerator.join?.params ?? []), ...where.bindings, dateParam(em, end)],
  );
  return rate(num(row?.['numerator']), num(row?.['denominator']));
}

/**
 * R10, the only definitions of the three rates; the wallboard, `stats` and the snapshots all use these.
 * `now` (default: `end`) tells whether the stored last sign-in can answer.
 */
export function loginRate(
  em: EntityManager,
  scope: Scope,
  end: Date,
  windowMs: number,
  now: Date = end,
): Promise<Rate> {
  const start = new Date(end.getTime() - windowMs);
  return enterpriseRate(em, scope, end, compliant(em, signedIn(em, start, end, now), start, end));
}

export function filingRate(
  em: EntityManager,
  scope: Scope,
  end: Date,
  windowMs: number,
  now: Date = end,
): Promise<Rate> {
  const start = new Date(end.getTime() - windowMs);
  return enterpriseRate(em, scope, end, compliant(em, filedItself(em, start, end, now), start, end));
}

/**
 * Hazards due in [from, to] (up to now) that were reported rectified by their deadline and not sent
 * back since: closed, or awaiting confirmation, after an on-time submission.
 */
function dueSql(em: EntityManager, from: Date, to: Date, now: Date): Condition {
  const until = to < now ? to : now;
  return {
    sql: `h.rectified_on_spot = ${boolSql(em, false)} and h.deadline >= ? and h.deadline <= ?`,
    params: [dateParam(em, from), dateParam(em, until)],
  };
}

function onTimeSql(em: EntityManager): string {
  return `h.submitted_at is not null and h.submitted_late = ${boolSql(em, false)} and h.status <> '${HazardStatus.RECTIFYING}'`;
}

export async function onTimeRate(em: EntityManager, scope: Scope, from: Date, to: Date, now: Date): Promise<Rate> {
  const where = countedEnterpriseSql(scope, 'e');
  const due = dueSql(em, from, to, now);
  const [row] = await runSql(
    em,
    `select count(*) as denominator, sum(case when ${onTimeSql(em)} then 1 else 0 end) as numerator
     from hazard h join enterprise e on e.id = h.enterprise_id where ${due.sql} and ${where.sql}`,
    [...due.params, ...where.bindings],
  );
  return rate(num(row?.['numerator']), num(row?.['denominator']));
}

/** The three rates now, per department of the scope, in two grouped statements (the wallboard's table). */
export interface DepartmentRates {
  enterprises: number;
  login: Rate;
  filing: Rate;
  onTime: Rate;
  noLogin: number;
  noFiling: number;
  keyTargets: number;
}

export async function ratesNowByDepartment(
  em: EntityManager,
  scope: Scope,
  now: Date,
  windows: { noLoginWindowMs: number; noFilingWindowMs: number; onTimeFrom: Date },
): Promise<Map<string, DepartmentRates>> {
  const where = countedEnterpriseSql(scope, 'e');
  const loginStart = new Date(now.getTime() - windows.noLoginWindowMs);
  const filingStart = new Date(now.getTime() - windows.noFilingWindowMs);
  const login = compliant(em, signedIn(em, loginStart, now, now), loginStart, now);
  const filing = compliant(em, filedItself(em, filingStart, now, now), filingStart, now);
  // Quiet (R2): the window has elapsed since the last sign-in (filing), or since registration when there is none.
  const quiet = (column: string, cutoff: Date): Condition => ({
    sql: `e.${column} <= ? or (e.${column} is null and e.registered_at <= ?)`,
    params: [dateParam(em, cutoff), dateParam(em, cutoff)],
  });
  const noLogin = quiet('last_login_at', loginStart);
  const noFiling = quiet('last_filing_at', filingStart);
  const due = dueSql(em, windows.onTimeFrom, now, now);
  const [enterpriseRows, dueRows] = await Promise.all([
    runSql(
      em,
      `select e.department_id as department, count(*) as enterprises,
         sum(case when e.registered_at <= ? then 1 else 0 end) as registered,
         sum(case when ${login.sql} then 1 else 0 end) as logged_in,
         sum(case when ${filing.sql} then 1 else 0 end) as filed,
         sum(case when ${noLogin.sql} then 1 else 0 end) as no_login,
         sum(case when ${noFiling.sql} then 1 else 0 end) as no_filing,
         sum(case when e.key_target = ${boolSql(em, true)} then 1 else 0 end) as key_targets
       from enterprise e where ${where.sql} group by e.department_id`,
      [dateParam(em, now), ...login.params, ...filing.params, ...noLogin.params, ...noFiling.params, ...where.bindings],
    ),
    runSql(
      em,
      `select e.department_id as department, count(*) as due, sum(case when ${onTimeSql(em)} then 1 else 0 end) as on_time
       from hazard h join enterprise e on e.id = h.enterprise_id where ${due.sql} and ${where.sql}
       group by e.department_id`,
      [...due.params, ...where.bindings],
    ),
  ]);
  const byDepartment = new Map<string, DepartmentRates>();
  const dueOf = new Map(dueRows.map((r) => [String(r['department']), r]));
  for (const r of enterpriseRows) {
    const department = String(r['department']);
    const d = dueOf.get(department);
    byDepartment.set(department, {
      enterprises: num(r['enterprises']),
      login: rate(num(r['logged_in']), num(r['registered'])),
      filing: rate(num(r['filed']), num(r['registered'])),
      onTime: rate(num(d?.['on_time']), num(d?.['due'])),
      noLogin: num(r['no_login']),
      noFiling: num(r['no_filing']),
      keyTargets: num(r['key_targets']),
    });
  }
  // Hazards are always of an enterprise in the scope, so every department with hazards due has a row above.
  return byDepartment;
}
