import type { Knex } from '@mikro-orm/knex';
import type { DatabaseKind } from '../../config/env.js';
import { chainEntries, type AuditFacts } from '../../modules/audit/audit.service.js';
import { Role } from '../../modules/auth/role.js';
import { creditCodeCheckChar } from '../../modules/enterprise/credit-code.js';
import { Industry } from '../../modules/enterprise/industry.js';
import { DAY_MS } from '../../modules/common/duration.js';
import { HazardGrade } from '../../modules/hazard/hazard.enums.js';
import { LOCATIONS, MEASURES, RESPONSIBLE, titlesFor } from '../hazard-texts.js';
import { DEPARTMENTS, TOWNSHIPS } from '../organisation.js';
import { Random } from '../random.js';
import { withoutKeysAndIndexes } from './bulk-load.js';
import { rnd, scaleSql, uuidOf, type ScaleSql } from './scale-sql.js';

/**
 * A province-sized database for benchmarks and plan checks (issue 16): N enterprises and M hazards
 * over the year before `now`, written with set-based INSERT … SELECT (no ORM entity per row).
 * Deterministic: the same N, M and `now` give the same rows on either database.
 */
export interface ScaleOptions {
  enterprises: number;
  hazards: number;
  now: Date;
  passwordHash: string;
  noLoginWindowMs: number;
  noFilingWindowMs: number;
  /** false: leave the displays unraised, as if no server had ever watched (for the catch-up). */
  alerts?: boolean;
  progress?: (line: string) => void;
}

/** Row-id prefixes: every generated id is `prefix-0000-4000-8000-<row number>`, so SQL can compute joins. */
export const ID = {
  enterprise: 1,
  hazard: 2,
  department: 3,
  township: 4,
  staff: 5,
  account: 6,
  login: 7,
  alert: 8,
  chief: 9,
  inspector: 10,
  leader: 11,
  inspection: 12,
} as const;

const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * DAY_MS;
/** Every enterprise signs in once in each ten-day slot, so an active one is never 15 days quiet. */
const LOGIN_SLOT_MS = 10 * DAY_MS;
const LOGIN_SLOTS = 37;
/** A few per cent of enterprises have gone quiet: nothing from them for 20 days or more. */
const SILENT_PERCENT = 3;
const SILENT_MS = 20 * DAY_MS;
const TEXTS_PER_INDUSTRY = 30;
const LEADERS = 5;

export function departmentCount(enterprises: number): number {
  return Math.max(5, Math.min(50, Math.round(enterprises / 200)));
}

export function townshipCount(enterprises: number): number {
  return Math.max(8, Math.round(enterprises / 70));
}

/** e001…e999, then e1000…: the demo's codes (api.md) stay valid at any scale. */
export function enterpriseCode(i: number): string {
  return `e${String(i).padStart(3, '0')}`;
}

const TOWN_WORDS = ['东', '西', '南', '北', '新', '长', '白', '青', '安', '永', '和', '兴', '丰', '宁', '石', '桥'];
const TOWN_SUFFIX = ['镇', '乡', '街道', '镇', '镇'];
const NAME_WORDS = ['宏达', '鑫源', '恒昌', '瑞丰', '华星', '金盛', '永兴', '广源', '天成', '富达', '隆盛', '众鑫'];
const NAME_SUFFIX: Record<Industry, readonly string[]> = {
  [Industry.HAZARDOUS_CHEMICALS]: ['化工有限公司', '石化有限公司', '气体有限公司'],
  [Industry.NON_COAL_MINE]: ['矿业有限公司', '石灰石矿', '采石场'],
  [Industry.COAL_MINE]: ['煤矿', '煤业有限公司'],
  [Industry.FIREWORKS]: ['烟花爆竹有限公司', '花炮厂'],
  [Industry.OTHER]: ['机械制造有限公司', '建材有限公司', '纺织有限公司', '食品有限公司', '物流有限公司'],
};

function creditCode(i: number): string {
  // 91 + division + an 8-digit body from the row number (unique) + its GB 11714 check digit.
  const body = String(i).padStart(8, '0');
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const c9 = 11 - ([...body].reduce((sum, d, k) => sum + Number(d) * weights[k]!, 0) % 11);
  const first17 = `91360481${body}${c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9)}`;
  return first17 + creditCodeCheckChar(first17)!;
}

async function insertRows(knex: Knex, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  // Stay under SQLite's 32,766 bound parameters and 500 compound terms (knex writes UNION ALL there).
  const sqlite = (knex.client as { dialect?: string }).dialect !== 'postgresql';
  const chunk = Math.min(sqlite ? 450 : 5000, Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length)));
  for (let i = 0; i < rows.length; i += chunk) await knex(table).insert(rows.slice(i, i + chunk));
}

export interface ScaleSummary {
  departments: number;
  townships: number;
  enterprises: number;
  hazards: number;
  logins: number;
  events: number;
  auditEntries: number;
  alerts: number;
  ms: number;
}

export async function seedScale(knex: Knex, kind: DatabaseKind, opts: ScaleOptions): Promise<ScaleSummary> {
  const started = Date.now();
  const sql = scaleSql(kind);
  const say = opts.progress ?? (() => undefined);
  const step = async (what: string, work: () => Promise<unknown>) => {
    const t = Date.now();
    await work();
    say(`${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const N = opts.enterprises;
  const M = opts.hazards;
  const D = departmentCount(N);
  const T = townshipCount(N);
  const now = opts.now.getTime();
  const rng = new Random(16);

  await dropHelpers(knex);
  let auditEntries = 0;
  await withoutKeysAndIndexes(
    knex,
    kind,
    async () => {
      await step('organisation', () =>
        seedOrganisation(knex, sql, rng, { N, D, T, now, passwordHash: opts.passwordHash }),
      );
      await step('series', () => seedSeries(knex, sql, Math.max(M, N * LOGIN_SLOTS, N * 4)));
      await step('hazards', () => seedHazards(knex, sql, { N, M, now }));
      await step('logins', () => seedLogins(knex, sql, { N, now }));
      await step('inspections', () => seedInspections(knex, sql, { N, now }));
      await step('last login and filing', () => seedLastSeen(knex));
      if (opts.alerts !== false) await step('alerts', () => seedAlerts(knex, sql, opts));
      await step('events', () => seedEvents(knex, sql, { now }));
      await step('audit chain', async () => (auditEntries = await seedAudit(knex, sql)));
    },
    (ms) => say(`keys and indexes: ${(ms / 1000).toFixed(1)} s`),
  );
  await dropHelpers(knex);
  // PostgreSQL: VACUUM as well, so that the visibility map lets index-only scans skip the heap, as autovacuum
  // would leave a database that has run a while (without it the rate probes fetched 640k heap pages at M).
  if (kind === 'postgresql') await step('vacuum and analyze', () => knex.raw('vacuum (analyze)'));
  else await step('analyze', () => knex.raw('analyze'));

  const count = async (table: string) => Number(((await knex(table).count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n);
  return {
    departments: D,
    townships: T,
    enterprises: N,
    hazards: await count('hazard'),
    logins: await count('login_event'),
    events: await count('event_log'),
    auditEntries,
    alerts: await count('alert'),
    ms: Date.now() - started,
  };
}

async function dropHelpers(knex: Knex): Promise<void> {
  for (const table of ['scale_series', 'scale_enterprise', 'scale_text']) await knex.schema.dropTableIfExists(table);
}

async function seedOrganisation(
  knex: Knex,
  sql: ScaleSql,
  rng: Random,
  o: { N: number; D: number; T: number; now: number; passwordHash: string },
): Promise<void> {
  const createdAt = sql.date(new Date(o.now - 5 * YEAR_MS));
  const townships = Array.from({ length: o.T }, (_, k) => ({
    id: uuidOf(ID.township, k + 1),
    name:
      TOWNSHIPS[k] ??
      `${TOWN_WORDS[k % TOWN_WORDS.length]}${TOWN_WORDS[Math.floor(k / TOWN_WORDS.length) % TOWN_WORDS.length]}${TOWN_SUFFIX[k % TOWN_SUFFIX.length]}${k >= TOWN_WORDS.length ** 2 ? Math.floor(k / TOWN_WORDS.length ** 2) + 1 : ''}`,
  }));
  await insertRows(knex, 'township', townships);

  const users: Array<Record<string, unknown>> = [];
  const user = (id: string, username: string, displayName: string, role: Role, extra: Record<string, unknown> = {}) =>
    users.push({
      id,
      username,
      display_name: displayName,
      role,
      password_hash: o.passwordHash,
      department_id: null,
      enterprise_id: null,
      created_at: createdAt,
      ...extra,
    });
  user(uuidOf(ID.staff, 1), 'admin', '系统管理员', Role.ADMIN);
  user(uuidOf(ID.staff, 2), 'director', '刘志明（局长）', Role.DIRECTOR);
  user(uuidOf(ID.staff, 3), 'analyst', '数据分析员', Role.ANALYST);
  for (let k = 1; k <= LEADERS; k++) user(uuidOf(ID.leader, k), `leader${k}`, `分管领导${k}`, Role.DEPUTY_LEADER);

  const departments = [];
  for (let n = 1; n <= o.D; n++) {
    const base = DEPARTMENTS[(n - 1) % DEPARTMENTS.length]!.name;
    const id = uuidOf(ID.department, n);
    departments.push({
      id,
      number: n,
      name: n <= DEPARTMENTS.length ? base : `${base}（第${Math.ceil(n / DEPARTMENTS.length)}片区）`,
    });
    user(uuidOf(ID.chief, n), `chief${n}`, `第${n}科科长`, Role.SECTION_CHIEF, { department_id: id });
    user(uuidOf(ID.inspector, n), `inspector${n}`, `第${n}科科员`, Role.INSPECTOR, { department_id: id });
  }
  // Departments and their staff refer to each other: departments first, their leader and chief once the users exist.
  await insertRows(knex, 'department', departments);

  await knex.schema.createTable('scale_enterprise', (t) => {
    t.bigInteger('i').primary();
    t.integer('silent').notNullable();
    t.bigInteger('registered_ms').notNullable();
    t.bigInteger('department').notNullable();
    t.string('industry').notNullable();
  });
  const enterprises = [];
  const helpers = [];
  const perDepartment = Math.ceil(o.N / o.D);
  for (let i = 1; i <= o.N; i++) {
    const department = Math.ceil(i / perDepartment);
    const industry = DEPARTMENTS[(department - 1) % DEPARTMENTS.length]!.industry;
    const township = townships[(i * 7 + Math.floor(i / 13)) % o.T]!;
    // One in a hundred registered in the last ten days (not yet due, R2); the rest one to five years ago.
    const registeredMs = rng.chance(0.01)
      ? o.now - Math.floor(rng.between(HOUR_MS, 10 * DAY_MS))
      : o.now - Math.floor(rng.between(YEAR_MS, 5 * YEAR_MS));
    const code = enterpriseCode(i);
    const name = `${township.name.replace(/(街道|镇|乡)$/, '')}${rng.pick(NAME_WORDS)}${rng.pick(NAME_SUFFIX[industry])}`;
    const id = uuidOf(ID.enterprise, i);
    enterprises.push({
      id,
      code,
      name,
      credit_code: creditCode(i),
      industry,
      township_id: township.id,
      department_id: uuidOf(ID.department, department),
      registered_at: sql.date(new Date(registeredMs)),
      key_target: sql.flag(false),
    });
    helpers.push({
      i,
      silent: rng.next() * 100 < SILENT_PERCENT ? 1 : 0,
      registered_ms: registeredMs,
      department,
      industry,
    });
    user(uuidOf(ID.account, i), code, `${name}安全员`, Role.ENTERPRISE, { enterprise_id: id });
  }
  await insertRows(knex, 'enterprise', enterprises);
  await insertRows(knex, 'scale_enterprise', helpers);
  await insertRows(knex, 'app_user', users);
  await knex.raw(`update department set chief_id = ${sql.uid(ID.chief, 'number')},
    leader_id = ${sql.uid(ID.leader, `((number - 1) % ${LEADERS}) + 1`)}`);

  await knex.schema.createTable('scale_text', (t) => {
    t.string('industry').notNullable();
    t.integer('major').notNullable();
    t.integer('k').notNullable();
    t.string('title').notNullable();
    t.string('location').notNullable();
    t.string('measures').notNullable();
    t.string('responsible').notNullable();
    t.primary(['industry', 'major', 'k']);
  });
  const texts = [];
  for (const industry of Object.values(Industry)) {
    const locations = LOCATIONS[industry];
    for (const major of [0, 1]) {
      const titles = titlesFor(industry, major ? HazardGrade.MAJOR : HazardGrade.THIRD);
      for (let k = 0; k < TEXTS_PER_INDUSTRY; k++) {
        texts.push({
          industry,
          major,
          k,
          title: titles[k % titles.length]!,
          location: locations[(k * 7) % locations.length]!,
          measures: MEASURES[k % MEASURES.length]!,
          responsible: RESPONSIBLE[(k * 5) % RESPONSIBLE.length]!,
        });
      }
    }
  }
  await insertRows(knex, 'scale_text', texts);
}

async function seedSeries(knex: Knex, sql: ScaleSql, n: number): Promise<void> {
  await knex.schema.createTable('scale_series', (t) => t.bigInteger('i').primary());
  if (sql.kind === 'postgresql') {
    await knex.raw(`insert into scale_series (i) select generate_series(1, ${n})`);
  } else {
    await knex.raw(
      `insert into scale_series (i) with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}) select i from s`,
    );
  }
}

/**
 * One hazard per row number j: enterprise 1 + (j-1) mod N, so each enterprise files M/N a year.
 * Its first is recent (an active enterprise files within the 15-day window), the rest spread over
 * the year; quiet enterprises have filed nothing for 20 days. Deadlines 7–60 days out (MAJOR up to
 * 90); of those passed, 4% still rectifying (overdue), 2% awaiting confirmation after a late report.
 */
async function seedHazards(knex: Knex, sql: ScaleSql, o: { N: number; M: number; now: number }): Promise<void> {
  const { N, M, now } = o;
  const day = DAY_MS;
  const a = `
    select s.i as j, se.i as e, se.industry, se.department, se.silent, ${now} - se.registered_ms as reg_age,
      (s.i - 1) / ${N} as nth,
      ${rnd('s.i', 1)} as r1, ${rnd('s.i', 2)} as r2, ${rnd('s.i', 3)} as r3, ${rnd('s.i', 4)} as r4,
      ${rnd('s.i', 5)} as r5, ${rnd('s.i', 6)} as r6, ${rnd('s.i', 7)} as r7
    from scale_series s join scale_enterprise se on se.i = 1 + (s.i - 1) % ${N}
    where s.i <= ${M}`;
  const b = `
    select a.*,
      case when nth = 0 and silent = 0 then r1 % ${14 * day}
           when silent = 1 then ${SILENT_MS} + r1 % ${YEAR_MS - SILENT_MS}
           else r1 % ${YEAR_MS} end as raw_age,
      case when r2 % 100 < 1 then 'MAJOR' when r2 % 100 < 10 then 'SECOND' else 'THIRD' end as grade,
      case when nth = 0 or r4 % 100 < 85 then 'SELF_INSPECTION' when r4 % 100 < 95 then 'REGULATOR_INSPECTION'
           when r4 % 100 < 98 then 'PUBLIC_REPORT' else 'OTHER_AGENCY' end as source,
      case when r7 % 100 < 2 then ${8 * day} + r7 % ${12 * day} else r7 % ${2 * day} end as discovery_lag
    from (${a}) a`;
  const c = `
    select b.*,
      ${now} - (case when raw_age >= reg_age then raw_age % reg_age else raw_age end) as filed_ms,
      case when grade = 'THIRD' and r3 % 100 < 40 then 1 else 0 end as on_spot,
      r6 % 100 as rs
    from (${b}) b`;
  const d = `
    select c.*,
      case when on_spot = 1 then null
           when grade = 'MAJOR' then filed_ms + (30 + r5 % 61) * ${day}
           else filed_ms + (7 + r5 % 54) * ${day} end as deadline_ms
    from (${c}) c`;
  const passed = `deadline_ms <= ${now}`;
  const status = `case when on_spot = 1 then 'CLOSED'
      when ${passed} then (case when rs < 4 then 'RECTIFYING' when rs < 6 then 'PENDING_VERIFICATION' else 'CLOSED' end)
      else (case when rs < 65 then 'RECTIFYING' when rs < 85 then 'PENDING_VERIFICATION' else 'CLOSED' end) end`;
  const submitted = `case when on_spot = 1 then null
      when ${passed} then (case when rs < 4 then null when rs < 8 then ${sql.least(`deadline_ms + ${day}`, String(now))}
                                else filed_ms + (deadline_ms - filed_ms) * 6 / 10 end)
      else (case when rs < 65 then null else filed_ms + (${now} - filed_ms) / 2 end) end`;
  const closed = `case when on_spot = 1 then filed_ms
      when ${passed} then (case when rs < 6 then null when rs < 8 then ${sql.least(`deadline_ms + ${2 * day}`, String(now))}
                                else filed_ms + (deadline_ms - filed_ms) * 6 / 10 + ${12 * HOUR_MS} end)
      else (case when rs < 85 then null else filed_ms + (${now} - filed_ms) * 3 / 4 end) end`;
  const late = `case when on_spot = 0 and ${passed} and rs >= 4 and rs < 8 then ${sql.bool(true)} else ${sql.bool(false)} end`;
  const filedBy = `case when source = 'SELF_INSPECTION' then ${sql.uid(ID.account, 'e')}
      when source = 'REGULATOR_INSPECTION' then ${sql.uid(ID.inspector, 'department')}
      else ${sql.uid(ID.chief, 'department')} end`;
  const major = (text: string) => `case when grade = 'MAJOR' then '${text}' else null end`;
  await knex.raw(`
    insert into hazard (id, enterprise_id, title, location, grade, status, source, rectified_on_spot, backfilled,
      discovered_at, filed_at, deadline, closed_at, submitted_at, submitted_late, responsible_person, measures,
      plan_objectives, plan_funding, plan_emergency_measures, filed_by_id)
    select ${sql.uid(ID.hazard, 'j')}, ${sql.uid(ID.enterprise, 'e')}, t.title, t.location, ${sql.as('grade', 'hazard_grade')},
      ${sql.as(status, 'hazard_status')}, ${sql.as('source', 'hazard_source')},
      case when on_spot = 1 then ${sql.bool(true)} else ${sql.bool(false)} end,
      case when discovery_lag > ${7 * day} then ${sql.bool(true)} else ${sql.bool(false)} end,
      ${sql.ts('filed_ms - discovery_lag')}, ${sql.ts('filed_ms')},
      ${sql.ts('deadline_ms')}, ${sql.ts(closed)}, ${sql.ts(submitted)}, ${late},
      case when on_spot = 1 then null else t.responsible end, case when on_spot = 1 then null else t.measures end,
      ${major('消除重大隐患，恢复安全生产条件')}, ${major('企业自筹整改资金')}, ${major('停止相关作业，设置警戒，专人值守')},
      ${filedBy}
    from (${d}) h join scale_text t on t.industry = h.industry
      and t.major = case when h.grade = 'MAJOR' then 1 else 0 end and t.k = h.r5 % ${TEXTS_PER_INDUSTRY}`);
}

/** One sign-in per enterprise in each ten-day slot over the year; quiet ones none in the last 20 days. */
async function seedLogins(knex: Knex, sql: ScaleSql, o: { N: number; now: number }): Promise<void> {
  const { N, now } = o;
  await knex.raw(`
    insert into login_event (id, enterprise_id, user_id, at)
    select ${sql.uid(ID.login, 'k')}, ${sql.uid(ID.enterprise, 'e')}, ${sql.uid(ID.account, 'e')}, ${sql.ts(`${now} - age`)}
    from (
      select s.i as k, se.i as e, se.silent, ${now} - se.registered_ms as reg_age,
        ((s.i - 1) / ${N}) * ${LOGIN_SLOT_MS} + ${rnd('s.i', 11)} % ${LOGIN_SLOT_MS} as age
      from scale_series s join scale_enterprise se on se.i = 1 + (s.i - 1) % ${N}
      where s.i <= ${N * LOGIN_SLOTS}
    ) l
    where age < reg_age and (silent = 0 or age >= ${SILENT_MS})`);
}

/** A quarterly self-inspection per enterprise, and the bureau's on-site inspection behind each hazard it found. */
async function seedInspections(knex: Knex, sql: ScaleSql, o: { N: number; now: number }): Promise<void> {
  const { N, now } = o;
  await knex.raw(`
    insert into inspection (id, enterprise_id, kind, inspected_at, recorded_at, recorded_by_id, note)
    select ${sql.uid(ID.inspection, 'k')}, ${sql.uid(ID.enterprise, 'e')}, ${sql.as("'SELF_INSPECTION'", 'inspection_kind')},
      ${sql.ts(`${now} - age`)},
      ${sql.ts(`${now} - age`)}, ${sql.uid(ID.account, 'e')}, null
    from (
      select s.i as k, se.i as e, se.silent, ${now} - se.registered_ms as reg_age,
        ((s.i - 1) / ${N}) * ${91 * DAY_MS} + ${rnd('s.i', 12)} % ${91 * DAY_MS} as age
      from scale_series s join scale_enterprise se on se.i = 1 + (s.i - 1) % ${N}
      where s.i <= ${N * 4}
    ) x
    where age < reg_age and (silent = 0 or age >= ${SILENT_MS})`);
  await knex.raw(`
    insert into inspection (id, enterprise_id, kind, inspected_at, recorded_at, recorded_by_id, note)
    select h.id, h.enterprise_id, ${sql.as("'REGULATOR_INSPECTION'", 'inspection_kind')}, h.discovered_at, h.filed_at, h.filed_by_id, '现场检查'
    from hazard h where h.source = 'REGULATOR_INSPECTION'`);
}

async function seedLastSeen(knex: Knex): Promise<void> {
  // One grouped pass per column (UPDATE … FROM), not a lookup per enterprise.
  await knex.raw(`update enterprise set last_login_at = l.m
    from (select enterprise_id, max(at) as m from login_event group by enterprise_id) as l
    where l.enterprise_id = enterprise.id`);
  await knex.raw(`update enterprise set last_filing_at = f.m
    from (select enterprise_id, max(filed_at) as m from hazard where source = 'SELF_INSPECTION' group by enterprise_id) as f
    where f.enterprise_id = enterprise.id`);
}

/** The displays as a watching server would have raised them: quiet enterprises and overdue hazards. */
async function seedAlerts(knex: Knex, sql: ScaleSql, o: ScaleOptions): Promise<void> {
  const now = o.now.getTime();
  const quiet = (kind: string, column: string, windowMs: number, offset: number) => `
    insert into alert (id, kind, enterprise_id, hazard_id, since, raised_at, cleared_at, active_key)
    select ${sql.uid(ID.alert, `${offset} + q.n`)}, ${sql.as(`'${kind}'`, 'alert_kind')}, q.id, null, ${sql.ts('q.since')}, ${sql.ts('q.since')}, null,
      '${kind}:' || q.id
    from (
      select e.id, row_number() over (order by e.id) as n,
        ${sql.ms(`coalesce(e.${column}, e.registered_at)`)} + ${windowMs} as since
      from enterprise e where coalesce(e.${column}, e.registered_at) <= ${sql.ts(String(now - windowMs))}
    ) q`;
  await knex.raw(quiet('NO_LOGIN', 'last_login_at', o.noLoginWindowMs, 0));
  await knex.raw(quiet('NO_FILING', 'last_filing_at', o.noFilingWindowMs, 1_000_000_000));
  await knex.raw(`
    insert into alert (id, kind, enterprise_id, hazard_id, since, raised_at, cleared_at, active_key)
    select ${sql.uid(ID.alert, '2000000000 + q.n')}, ${sql.as("'OVERDUE'", 'alert_kind')}, q.enterprise_id, q.id, q.deadline, q.deadline, null,
      'OVERDUE:' || q.id
    from (
      select h.id, h.enterprise_id, h.deadline, row_number() over (order by h.id) as n
      from hazard h
      where h.deadline <= ${sql.ts(String(now))}
        and (h.status = 'RECTIFYING' or (h.status = 'PENDING_VERIFICATION' and h.submitted_late = ${sql.bool(true)}))
    ) q`);
}

/** The event log as the services would have written it, in time order: filings, reports, closures, missed deadlines, recent sign-ins. */
async function seedEvents(knex: Knex, sql: ScaleSql, o: { now: number }): Promise<void> {
  const payload = `'{"grade":"' || h.grade || '","title":"' || h.title || '"'`;
  const t = sql.bool(true);
  await knex.raw(`
    insert into event_log (seq, kind, at, enterprise_id, department_id, hazard_id, payload)
    select row_number() over (order by u.at, u.kind, u.hazard_id), ${sql.as('u.kind', 'event_kind')}, u.at, u.enterprise_id, u.department_id,
      u.hazard_id, u.payload
    from (
      select 'HAZARD_FILED' as kind, h.filed_at as at, h.enterprise_id, e.department_id, h.id as hazard_id,
        ${payload} || ',"rectifiedOnSpot":' || case when h.rectified_on_spot = ${t} then 'true' else 'false' end || '}' as payload
      from hazard h join enterprise e on e.id = h.enterprise_id
      union all
      select 'RECTIFICATION_SUBMITTED', h.submitted_at, h.enterprise_id, e.department_id, h.id, ${payload} || '}'
      from hazard h join enterprise e on e.id = h.enterprise_id where h.submitted_at is not null
      union all
      select 'HAZARD_CLOSED', h.closed_at, h.enterprise_id, e.department_id, h.id, ${payload} || '}'
      from hazard h join enterprise e on e.id = h.enterprise_id
      where h.closed_at is not null and h.rectified_on_spot <> ${t}
      union all
      select 'DEADLINE_MISSED', h.deadline, h.enterprise_id, e.department_id, h.id,
        ${payload} || ',"deadline":"' || ${sql.kind === 'postgresql' ? `to_char(h.deadline at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', h.deadline / 1000.0, 'unixepoch')`} || '"}'
      from hazard h join enterprise e on e.id = h.enterprise_id
      where h.deadline <= ${sql.ts(String(o.now))} and (h.status = 'RECTIFYING' or h.submitted_late = ${t})
      union all
      select 'ENTERPRISE_LOGGED_IN', l.at, l.enterprise_id, e.department_id, null, null
      from login_event l join enterprise e on e.id = l.enterprise_id
      where l.at >= ${sql.ts(String(o.now - 30 * DAY_MS))}
    ) u`);
}

/** One audit entry per filing, chained in time order (R7); hashes are computed here, written in batches. */
async function seedAudit(knex: Knex, sql: ScaleSql): Promise<number> {
  let previous: { seq: number; hash: string } | null = null;
  let written = 0;
  const asDate = (v: unknown) =>
    v instanceof Date ? v : new Date(typeof v === 'number' || /^\d+$/.test(String(v)) ? Number(v) : String(v));
  for await (const rows of hazardsInFilingOrder(knex, sql)) {
    const facts: AuditFacts[] = rows.map((r) => ({
      at: asDate(r['filed_at']),
      actorId: (r['filed_by_id'] as string | null) ?? null,
      action: 'hazard.filed',
      subjectType: 'hazard',
      subjectId: r['id'] as string,
      data: {
        enterprise: r['enterprise_id'],
        title: r['title'],
        grade: r['grade'],
        source: r['source'],
        rectifiedOnSpot: Boolean(r['rectified_on_spot']),
        discoveredAt: asDate(r['discovered_at']).toISOString(),
        deadline: r['deadline'] == null ? undefined : asDate(r['deadline']).toISOString(),
      },
    }));
    const entries = chainEntries(previous, facts);
    if (sql.kind === 'postgresql') {
      // Nine array parameters instead of 45,000 scalars: PostgreSQL parses one short statement per page.
      await knex.raw(
        `insert into audit_entry (seq, at, actor_id, action, subject_type, subject_id, data, hash, prev_hash)
         select * from unnest(?::int[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])`,
        [
          entries.map((e) => e.seq),
          entries.map((e) => e.at.toISOString()),
          entries.map((e) => e.actor),
          entries.map((e) => e.action),
          entries.map((e) => e.subjectType),
          entries.map((e) => e.subjectId),
          entries.map((e) => e.data),
          entries.map((e) => e.hash),
          entries.map((e) => e.prevHash),
        ] as unknown as readonly string[],
      );
    } else {
      await insertRows(
        knex,
        'audit_entry',
        entries.map((e) => ({
          seq: e.seq,
          at: sql.date(e.at),
          actor_id: e.actor,
          action: e.action,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          data: e.data,
          hash: e.hash,
          prev_hash: e.prevHash,
        })),
      );
    }
    const last = entries.at(-1)!;
    previous = { seq: last.seq, hash: last.hash };
    written += entries.length;
  }
  return written;
}

const AUDIT_COLUMNS =
  'id, enterprise_id, filed_by_id, title, grade, source, rectified_on_spot, discovered_at, filed_at, deadline';
const AUDIT_PAGE = 5000;

/**
 * Every hazard in filing order, a page at a time. PostgreSQL reads them through one cursor (one
 * sort, whatever the pages: the hazard table has no index on filed_at while the generator loads);
 * SQLite pages by key, since its scale runs are small.
 */
async function* hazardsInFilingOrder(knex: Knex, sql: ScaleSql): AsyncGenerator<Array<Record<string, unknown>>> {
  if (sql.kind === 'postgresql') {
    const trx = await knex.transaction();
    try {
      await trx.raw(
        `declare audit_rows no scroll cursor for select ${AUDIT_COLUMNS} from hazard order by filed_at, id`,
      );
      for (;;) {
        const { rows } = (await trx.raw(`fetch ${AUDIT_PAGE} from audit_rows`)) as {
          rows: Array<Record<string, unknown>>;
        };
        if (rows.length === 0) break;
        yield rows;
      }
      await trx.commit();
    } catch (error) {
      await trx.rollback();
      throw error;
    }
    return;
  }
  let after: { at: unknown; id: unknown } | null = null;
  for (;;) {
    const query = knex('hazard')
      .select(knex.raw(AUDIT_COLUMNS))
      .orderBy([{ column: 'filed_at' }, { column: 'id' }])
      .limit(AUDIT_PAGE);
    if (after) {
      const { at, id } = after;
      query.where((w) =>
        w
          .where('filed_at', '>', at as number)
          .orWhere((x) => x.where('filed_at', '=', at as number).andWhere('id', '>', id as string)),
      );
    }
    const rows = (await query) as Array<Record<string, unknown>>;
    if (rows.length === 0) return;
    yield rows;
    after = { at: rows.at(-1)!['filed_at'], id: rows.at(-1)!['id'] };
  }
}
