/**
 * `pnpm bench:scale [-- --scale M] [--rounds 7] [--database postgres://…]`: HazardLoop against a
 * hand-written SQL (or bare node:http) baseline on province-scale data (issue 16), measured from
 * outside the server process, alternating one run of each per round; medians and the ratio go to
 * BENCHMARKS.md. S (10k enterprises / 100k hazards) by default; the database is generated first
 * when empty. PostgreSQL only: the goals are PostgreSQL's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { measureDeadlineLateness, type LatenessResult } from './deadline-lateness.js';
import { measureFanOut, startRawWs, type FanOutResult } from './fan-out.js';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    scale: { type: 'string', default: 'S' },
    rounds: { type: 'string', default: '7' },
    database: { type: 'string' },
    out: { type: 'string', default: '../BENCHMARKS.md' },
    'fan-out': { type: 'string', default: '1000,5000,10000' },
    'skip-fan-out': { type: 'boolean', default: false },
    redis: { type: 'string' },
  },
});
const SCALES: Record<string, { enterprises: number; hazards: number }> = {
  S: { enterprises: 10_000, hazards: 100_000 },
  M: { enterprises: 100_000, hazards: 1_000_000 },
  XS: { enterprises: 2_000, hazards: 10_000 },
};
const scaleName = String(values.scale).toUpperCase();
const scale = SCALES[scaleName];
if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const rounds = Number(values.rounds);
const databaseUrl = values.database ?? `postgres://postgres@127.0.0.1:5432/hl_scale_${scaleName.toLowerCase()}`;
const run = (cmd: string, args: string[], env: Record<string, string>) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });

// ---- the database ------------------------------------------------------------------------------
const admin = new URL(databaseUrl);
const dbName = admin.pathname.slice(1);
admin.pathname = '/postgres';
{
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [dbName]);
  if (exists.rowCount === 0) await client.query(`create database ${dbName}`);
  await client.end();
}
// The baseline's sessions as the server's: without JIT (see mikro-orm.config.ts), so that neither side pays for compiling.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, options: '-c jit=off' });
const users = await pool.query('select count(*)::int as n from information_schema.tables where table_name = $1', [
  'app_user',
]);
const hasData = users.rows[0].n > 0 && (await pool.query('select count(*)::int as n from app_user')).rows[0].n > 0;
if (!hasData) {
  console.log(`generating ${scaleName} (${scale.enterprises} / ${scale.hazards}) into ${dbName}…`);
  await run(
    'node',
    [
      '--import',
      '@swc-node/register/esm-register',
      'src/seeders/scale/seed-scale.cli.ts',
      '--enterprises',
      String(scale.enterprises),
      '--hazards',
      String(scale.hazards),
    ],
    { DATABASE_URL: databaseUrl },
  );
}

// ---- the server, in its own process ------------------------------------------------------------
const PORT = 4600 + Math.floor(Math.random() * 300);
const base = `http://127.0.0.1:${PORT}`;
const loadAtStart = loadavg();

/** A HazardLoop server on this data, in its own process, once /healthz answers. */
async function startServer(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn('node', ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SEED: 'none',
      REMINDERS: 'off',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('the server exited during start-up');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const startedAt = performance.now();
const server = await startServer(PORT);
const startupMs = performance.now() - startedAt;

async function gql(query: string, variables: Record<string, unknown>, token?: string, url = base) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data!;
}
const LOGIN = 'mutation($u: String!) { login(username: $u, password: "hazardloop") { token } }';
const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`;
const tokens: Record<string, string> = {};
for (const username of ['director', 'chief1', 'e001'])
  tokens[username] = (await gql(LOGIN, { u: username })).login.token;

// ---- the figures -------------------------------------------------------------------------------
interface Figure {
  figure: string;
  hazardloop: number;
  baseline: number;
  unit: 'ms' | 'req/s';
  same: string;
  goal: string;
}
const figures: Figure[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  const result = await work();
  return { ms: performance.now() - t, result };
};

/** One run of each per round, alternating which goes first; a warm-up of each before. */
async function sideBySide<A, B>(
  figure: string,
  goal: string,
  ours: () => Promise<A>,
  raw: () => Promise<B>,
  same: (a: A, b: B) => boolean,
): Promise<void> {
  const a = await ours();
  const b = await raw();
  const ourTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
    for (const which of order) {
      if (which === 'ours') ourTimes.push((await time(ours)).ms);
      else rawTimes.push((await time(raw)).ms);
    }
  }
  const f: Figure = {
    figure,
    hazardloop: median(ourTimes),
    baseline: median(rawTimes),
    unit: 'ms',
    same: same(a, b) ? 'yes' : 'NO',
    goal,
  };
  figures.push(f);
  console.log(
    `${figure}: ${f.hazardloop.toFixed(1)} ms vs ${f.baseline.toFixed(1)} ms raw (${(f.hazardloop / f.baseline).toFixed(2)}×), same figures: ${f.same}`,
  );
}

const WALLBOARD = `{ wallboard { enterpriseCount loginRate filingRate onTimeRate openHazards overdueHazards noLoginCount
  noFilingCount keyTargetCount openMajor openSecond openThird
  byDepartment { enterpriseCount openHazards overdueHazards loginRate filingRate onTimeRate noLoginCount noFilingCount
    department { name } leader { displayName } chief { displayName } } } }`;

const DAY = 86_400_000;
/** The wallboard by hand: the same figures per department, then users and names. */
async function rawWallboard(departmentNumber: number | null) {
  const now = new Date();
  const login = new Date(now.getTime() - 15 * DAY);
  const onTimeFrom = new Date(now.getTime() - 30 * DAY);
  const scope =
    departmentNumber === null
      ? ''
      : `and e.department_id = (select id from department where number = ${departmentNumber})`;
  const [departments, enterprises, open, due] = await Promise.all([
    pool.query(
      `select d.id, d.name, l.display_name as leader, c.display_name as chief from department d
       left join app_user l on l.id = d.leader_id left join app_user c on c.id = d.chief_id
       ${departmentNumber === null ? '' : `where d.number = ${departmentNumber}`} order by d.number`,
    ),
    pool.query(
      `select e.department_id, count(*)::int as n,
         count(*) filter (where e.registered_at <= $1)::int as registered,
         count(*) filter (where e.registered_at <= $1 and (e.last_login_at >= $2 or e.registered_at >= $2))::int as logged_in,
         count(*) filter (where e.registered_at <= $1 and (e.last_filing_at >= $2 or e.registered_at >= $2))::int as filed,
         count(*) filter (where e.last_login_at <= $2 or (e.last_login_at is null and e.registered_at <= $2))::int as no_login,
         count(*) filter (where e.last_filing_at <= $2 or (e.last_filing_at is null and e.registered_at <= $2))::int as no_filing
       from enterprise e where true ${scope} group by e.department_id`,
      [now, login],
    ),
    pool.query(
      `select e.department_id, count(*)::int as open,
         count(*) filter (where h.deadline <= $1 and (h.status = 'RECTIFYING' or h.submitted_late))::int as overdue
       from hazard h join enterprise e on e.id = h.enterprise_id where h.status <> 'CLOSED' ${scope} group by e.department_id`,
      [now],
    ),
    pool.query(
      `select e.department_id, count(*)::int as due,
         count(*) filter (where h.submitted_at is not null and not h.submitted_late and h.status <> 'RECTIFYING')::int as on_time
       from hazard h join enterprise e on e.id = h.enterprise_id
       where not h.rectified_on_spot and h.deadline >= $1 and h.deadline <= $2 ${scope} group by e.department_id`,
      [onTimeFrom, now],
    ),
  ]);
  const sum = (rows: Array<Record<string, number>>, key: string) => rows.reduce((n, r) => n + r[key]!, 0);
  return {
    departments: departments.rows.length,
    enterpriseCount: sum(enterprises.rows, 'n'),
    openHazards: sum(open.rows, 'open'),
    overdueHazards: sum(open.rows, 'overdue'),
    noLoginCount: sum(enterprises.rows, 'no_login'),
    loginRate: sum(enterprises.rows, 'logged_in') / Math.max(1, sum(enterprises.rows, 'registered')),
    onTime: sum(due.rows, 'on_time'),
  };
}
const sameBoard = (a: any, b: Awaited<ReturnType<typeof rawWallboard>>) =>
  a.wallboard.enterpriseCount === b.enterpriseCount &&
  a.wallboard.openHazards === b.openHazards &&
  a.wallboard.overdueHazards === b.overdueHazards &&
  a.wallboard.noLoginCount === b.noLoginCount &&
  a.wallboard.byDepartment.length === b.departments &&
  Math.abs(a.wallboard.loginRate - b.loginRate) < 1e-9;

await sideBySide(
  "director's `wallboard`",
  '≤ 1.5×, < 1 s',
  () => gql(WALLBOARD, {}, tokens.director),
  () => rawWallboard(null),
  sameBoard,
);
await sideBySide(
  "chief1's `wallboard`",
  '≤ 1.5×',
  () => gql(WALLBOARD, {}, tokens.chief1),
  () => rawWallboard(1),
  sameBoard,
);

const PAGE = (total: boolean) => `{ hazards(first: 100) { ${total ? 'totalCount' : ''}
  edges { node { id title grade status overdue filedAt deadline enterprise { name township { name } department { name } } } } } }`;
const rawPage = async (total: boolean) => {
  const [rows, count] = await Promise.all([
    pool.query(
      `select h.*, e.name as enterprise, t.name as township, d.name as department from hazard h
       join enterprise e on e.id = h.enterprise_id join township t on t.id = e.township_id
       join department d on d.id = e.department_id order by h.filed_at desc, h.id desc limit 101`,
    ),
    total ? pool.query('select count(*)::int as n from hazard') : Promise.resolve(null),
  ]);
  return { ids: rows.rows.slice(0, 100).map((r) => r.id as string), total: count?.rows[0].n as number | undefined };
};
await sideBySide(
  '100 hazards + enterprise, township, department, with `totalCount` (director)',
  '≤ 1.5×',
  () => gql(PAGE(true), {}, tokens.director),
  () => rawPage(true),
  (a, b) => a.hazards.totalCount === b.total && a.hazards.edges.map((e: any) => e.node.id).join() === b.ids.join(),
);
await sideBySide(
  'the same without `totalCount`',
  '≤ 1.5×',
  () => gql(PAGE(false), {}, tokens.director),
  () => rawPage(false),
  (a, b) => a.hazards.edges.map((e: any) => e.node.id).join() === b.ids.join(),
);

const STATS = `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) {
  inspections selfInspections regulatorInspections hazardsFound rectifiedOnSpot hazardsEntered overdue closed
  penalties suspensions summonses casesFiled discrepancies falseRectifications loginRate filingRate onTimeRate } }`;
const rawStats = async (departmentNumber: number | null, from: Date, to: Date) => {
  const scope =
    departmentNumber === null
      ? ''
      : `and e.department_id = (select id from department where number = ${departmentNumber})`;
  const login = new Date(to.getTime() - 15 * DAY);
  const [h, i, a, e, r] = await Promise.all([
    pool.query(
      `select count(*) filter (where h.discovered_at between $1 and $2)::int as found,
         count(*) filter (where h.discovered_at between $1 and $2 and h.rectified_on_spot)::int as on_spot,
         count(*) filter (where h.discovered_at between $1 and $2 and not h.rectified_on_spot and h.deadline <= $2
           and (h.status = 'RECTIFYING' or h.submitted_late))::int as overdue,
         count(*) filter (where h.status = 'CLOSED' and h.closed_at between $1 and $2)::int as closed,
         count(*) filter (where not h.rectified_on_spot and h.deadline between $1 and $2)::int as due,
         count(*) filter (where not h.rectified_on_spot and h.deadline between $1 and $2 and h.submitted_at is not null
           and not h.submitted_late and h.status <> 'RECTIFYING')::int as on_time
       from hazard h join enterprise e on e.id = h.enterprise_id
       where (h.discovered_at between $1 and $2 or h.closed_at between $1 and $2 or h.deadline between $1 and $2) ${scope}`,
      [from, to],
    ),
    pool.query(
      `select count(*) filter (where i.kind = 'SELF_INSPECTION')::int as self, count(*) filter (where i.kind = 'REGULATOR_INSPECTION')::int as reg
       from inspection i join enterprise e on e.id = i.enterprise_id where i.inspected_at between $1 and $2 ${scope}`,
      [from, to],
    ),
    pool.query(
      `select count(*)::int as n from enforcement_action x join enterprise e on e.id = x.enterprise_id where x.recorded_at between $1 and $2 ${scope}`,
      [from, to],
    ),
    pool.query(
      `select count(*) filter (where f.discrepancy)::int as d, count(*) filter (where f.false_rectification)::int as fr
       from inspection_finding f join inspection i on i.id = f.inspection_id join enterprise e on e.id = f.enterprise_id
       where i.inspected_at between $1 and $2 ${scope}`,
      [from, to],
    ),
    pool.query(
      `select count(*) filter (where e.registered_at <= $1)::int as registered,
         count(*) filter (where e.registered_at <= $1 and (e.last_login_at >= $2 or e.registered_at >= $2))::int as logged_in,
         count(*) filter (where e.registered_at <= $1 and (e.last_filing_at >= $2 or e.registered_at >= $2))::int as filed
       from enterprise e where true ${scope}`,
      [to, login],
    ),
  ]);
  void a;
  void e;
  return {
    hazardsFound: h.rows[0].found,
    overdue: h.rows[0].overdue,
    closed: h.rows[0].closed,
    selfInspections: i.rows[0].self,
    loginRate: r.rows[0].logged_in / Math.max(1, r.rows[0].registered),
  };
};
const to = new Date();
const from = new Date(to.getTime() - 182 * DAY);
for (const [username, dept] of [
  ['director', null],
  ['chief1', 1],
] as const) {
  await sideBySide(
    `\`stats\` over six months (${username})`,
    '≤ 1.5×',
    () => gql(STATS, { from: from.toISOString(), to: to.toISOString() }, tokens[username]),
    () => rawStats(dept, from, to),
    (a, b) =>
      a.stats.hazardsFound === b.hazardsFound &&
      a.stats.closed === b.closed &&
      a.stats.selfInspections === b.selfInspections &&
      Math.abs(a.stats.loginRate - b.loginRate) < 1e-9,
  );
}

const STATS_BY = `query($from: DateTime!, $to: DateTime!) { statsBy(by: DEPARTMENT, from: $from, to: $to) {
  key label stats { hazardsFound closed overdue selfInspections loginRate } } }`;
const rawStatsBy = async (from: Date, to: Date) => {
  const login = new Date(to.getTime() - 15 * DAY);
  const [h, i, r] = await Promise.all([
    pool.query(
      `select e.department_id as key, count(*) filter (where h.discovered_at between $1 and $2)::int as found,
         count(*) filter (where h.status = 'CLOSED' and h.closed_at between $1 and $2)::int as closed,
         count(*) filter (where h.discovered_at between $1 and $2 and not h.rectified_on_spot and h.deadline <= $2
           and (h.status = 'RECTIFYING' or h.submitted_late))::int as overdue
       from hazard h join enterprise e on e.id = h.enterprise_id
       where (h.discovered_at between $1 and $2 or h.closed_at between $1 and $2) group by e.department_id`,
      [from, to],
    ),
    pool.query(
      `select e.department_id as key, count(*) filter (where i.kind = 'SELF_INSPECTION')::int as self
       from inspection i join enterprise e on e.id = i.enterprise_id where i.inspected_at between $1 and $2
       group by e.department_id`,
      [from, to],
    ),
    pool.query(
      `select e.department_id as key, count(*)::int as registered,
         count(*) filter (where e.last_login_at >= $2 or e.registered_at >= $2)::int as logged_in
       from enterprise e where e.active and e.registered_at <= $1 group by e.department_id`,
      [to, login],
    ),
  ]);
  const rows = new Map<string, { found: number; closed: number; overdue: number; self: number; loginRate: number }>();
  const at = (key: string) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { found: 0, closed: 0, overdue: 0, self: 0, loginRate: 1 }));
    return row;
  };
  for (const x of h.rows) Object.assign(at(x.key), { found: x.found, closed: x.closed, overdue: x.overdue });
  for (const x of i.rows) at(x.key).self = x.self;
  for (const x of r.rows) at(x.key).loginRate = x.logged_in / Math.max(1, x.registered);
  return rows;
};
await sideBySide(
  '`statsBy(DEPARTMENT)` over six months (director)',
  '≤ 1.5×',
  () => gql(STATS_BY, { from: from.toISOString(), to: to.toISOString() }, tokens.director),
  () => rawStatsBy(from, to),
  (a, b) =>
    a.statsBy.length > 0 &&
    a.statsBy.every((g: any) => {
      const raw = b.get(g.key) ?? { found: 0, closed: 0, overdue: 0, self: 0, loginRate: 1 };
      return (
        raw.found === g.stats.hazardsFound &&
        raw.closed === g.stats.closed &&
        raw.overdue === g.stats.overdue &&
        raw.self === g.stats.selfInspections &&
        Math.abs(raw.loginRate - g.stats.loginRate) < 1e-9
      );
    }),
);

const STATS_SERIES = `query($from: DateTime!, $to: DateTime!) { statsSeries(interval: MONTH, from: $from, to: $to) {
  start end stats { hazardsFound closed overdue loginRate } } }`;
/** The months of [from, to] in Shanghai time (UTC+8 all year), each with the instant its login rate is taken. */
const months = (from: Date, to: Date, now: Date) => {
  const points: Array<{ s: Date; e: Date; t: Date }> = [];
  const local = new Date(from.getTime() + 8 * 3_600_000);
  let start = from;
  for (let m = local.getUTCMonth() + 1, y = local.getUTCFullYear(); start <= to; m++) {
    const boundary = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
    const end = boundary.getTime() > to.getTime() ? new Date(to.getTime() + 1) : boundary;
    const last = new Date(end.getTime() - 1);
    points.push({ s: start, e: end, t: last < now ? last : now });
    start = end;
  }
  return points;
};
const rawStatsSeries = async (from: Date, to: Date) => {
  const points = months(from, to, new Date());
  const values = points.map(
    (_, i) => `(${i}, $${3 * i + 1}::timestamptz, $${3 * i + 2}::timestamptz, $${3 * i + 3}::timestamptz)`,
  );
  const params = points.flatMap((p) => [p.s, p.e, p.t]);
  const p = `with p(i, s, e, t) as (values ${values.join(', ')})`;
  const until = to;
  const [found, closed, rates] = await Promise.all([
    pool.query(
      `${p} select p.i, count(*)::int as found, count(*) filter (where not h.rectified_on_spot and h.deadline <= $${params.length + 1}
         and (h.status = 'RECTIFYING' or h.submitted_late))::int as overdue
       from hazard h join p on h.discovered_at >= p.s and h.discovered_at < p.e group by p.i`,
      [...params, until],
    ),
    pool.query(
      `${p} select p.i, count(*)::int as closed from hazard h join p on h.closed_at >= p.s and h.closed_at < p.e
       where h.status = 'CLOSED' group by p.i`,
      params,
    ),
    pool.query(
      `${p} select p.i, count(*)::int as registered, count(*) filter (where e.registered_at >= p.t - interval '15 days'
         or exists (select 1 from login_event l where l.enterprise_id = e.id and l.at >= p.t - interval '15 days' and l.at <= p.t))::int as logged_in
       from enterprise e join p on e.registered_at <= p.t where e.active group by p.i`,
      params,
    ),
  ]);
  return points.map((_, i) => {
    const f = found.rows.find((r) => r.i === i);
    const c = closed.rows.find((r) => r.i === i);
    const r = rates.rows.find((x) => x.i === i);
    return {
      found: f?.found ?? 0,
      overdue: f?.overdue ?? 0,
      closed: c?.closed ?? 0,
      loginRate: r ? r.logged_in / Math.max(1, r.registered) : 1,
    };
  });
};
await sideBySide(
  '`statsSeries(MONTH)` over six months (director)',
  '≤ 1.5×',
  () => gql(STATS_SERIES, { from: from.toISOString(), to: to.toISOString() }, tokens.director),
  () => rawStatsSeries(from, to),
  (a, b) =>
    a.statsSeries.length === b.length &&
    a.statsSeries.every(
      (point: any, i: number) =>
        point.stats.hazardsFound === b[i]!.found &&
        point.stats.closed === b[i]!.closed &&
        point.stats.overdue === b[i]!.overdue &&
        Math.abs(point.stats.loginRate - b[i]!.loginRate) < 1e-9,
    ),
);

// `me` requests a second, 16 at a time for two seconds, against a bare node:http server answering the same body.
const bare = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ data: { me: { username: 'director' } } }));
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/graphql`;
const rate = async (send: () => Promise<unknown>) => {
  let done = 0;
  const until = performance.now() + 2000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        await send();
        done++;
      }
    }),
  );
  return done / 2;
};
/** Requests a second of each side, three rounds alternating, medians. */
async function throughput(figure: string, goal: string, ours: () => Promise<unknown>, raw: () => Promise<unknown>) {
  const ourRates: number[] = [];
  const rawRates: number[] = [];
  for (let i = 0; i < 3; i++) {
    ourRates.push(await rate(ours));
    rawRates.push(await rate(raw));
  }
  const f: Figure = {
    figure,
    hazardloop: median(ourRates),
    baseline: median(rawRates),
    unit: 'req/s',
    same: 'yes',
    goal,
  };
  figures.push(f);
  console.log(
    `${f.figure}: ${f.hazardloop.toFixed(0)} req/s vs ${f.baseline.toFixed(0)} req/s (${(f.hazardloop / f.baseline).toFixed(2)}×)`,
  );
}
await throughput(
  '`me` (16 concurrent) against a bare `node:http` server',
  '≥ 0.5×',
  () => gql('{ me { username } }', {}, tokens.director),
  () => fetch(bareUrl, { method: 'POST', body: '{"query":"{ me { username } }"}' }).then((r) => r.json()),
);
bare.close();

// `fileHazard` a second (an enterprise filing a hazard rectified on the spot), 16 at a time, against a
// bare node:http server doing one raw INSERT of the same facts per request into a scratch table.
{
  const inserts = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off' });
  await inserts.query(
    'create table if not exists bench_filing (id uuid primary key, enterprise_id uuid, title text, grade text, filed_at timestamptz)',
  );
  const enterprise = (await inserts.query("select id from enterprise where code = 'e001'")).rows[0].id as string;
  const bareInsert = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { title: string };
      inserts
        .query('insert into bench_filing values (gen_random_uuid(), $1, $2, $3, now())', [
          enterprise,
          body.title,
          'THIRD',
        ])
        .then(() => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { fileHazard: { id: 'x' } } }));
        });
    });
  });
  await new Promise<void>((r) => bareInsert.listen(0, '127.0.0.1', r));
  const insertUrl = `http://127.0.0.1:${(bareInsert.address() as { port: number }).port}/graphql`;
  let n = 0;
  const file = () =>
    gql(FILE, { input: { title: `基准测试隐患 ${++n}`, grade: 'THIRD', rectifiedOnSpot: true } }, tokens.e001);
  const bareFile = () =>
    fetch(insertUrl, { method: 'POST', body: JSON.stringify({ title: `基准测试隐患 ${++n}` }) }).then((r) => r.json());
  await throughput(
    '`fileHazard` (16 concurrent) against a bare `node:http` server with one raw INSERT',
    '≥ 0.4×',
    file,
    bareFile,
  );
  bareInsert.close();
  console.log('fileHazard: dropping the scratch table…');
  await inserts.query('drop table bench_filing');
  await inserts.end();
}

// Fan-out, last: the main server makes way for two processes behind this PostgreSQL and Redis.
console.log('fan-out: stopping the main server…');
if (server.exitCode === null) {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}
interface FanOutRow {
  figure: string;
  p50: number;
  p99: number;
  rawP50: number;
  rawP99: number;
  kib: number;
  rawKib: number;
  triggerMs: number;
  goal: string;
}
const fanOutRows: FanOutRow[] = [];
const fanOutRow = (
  figure: string,
  { ours, raw }: { ours: FanOutResult; raw: FanOutResult },
  goal: string,
): FanOutRow => ({
  figure,
  p50: ours.p50,
  p99: ours.p99,
  rawP50: raw.p50,
  rawP99: raw.p99,
  kib: ours.bytesPerSocket / 1024,
  rawKib: raw.bytesPerSocket / 1024,
  triggerMs: ours.triggerMs,
  goal,
});
let lateness: (LatenessResult & { open: number }) | null = null;
if (!values['skip-fan-out']) {
  const redis = { REDIS_URL: values.redis ?? 'redis://127.0.0.1:6379', REDIS_CHANNEL: `bench-${dbName}` };
  console.log('fan-out: starting two servers with Redis and the raw ws baseline…');
  const one = await startServer(PORT + 1, redis);
  const two = await startServer(PORT + 2, redis);
  const raw = await startRawWs();
  const servers = [
    { url: `http://127.0.0.1:${PORT + 1}`, pid: one.pid! },
    { url: `http://127.0.0.1:${PORT + 2}`, pid: two.pid! },
  ];
  const login = async (username: string) =>
    (await gql(LOGIN, { u: username }, undefined, servers[0]!.url)).login.token as string;
  const fanTokens = [await login('director'), await login('chief1')];
  const trigger = async (n: number) => {
    await gql(
      FILE,
      { input: { title: `fanout-${n}`, grade: 'THIRD', rectifiedOnSpot: true } },
      tokens.e001,
      servers[0]!.url,
    );
  };
  const goals: Record<number, string> = { 1000: 'p99 ≤ 2×', 5000: 'p99 ≤ 3×', 10000: 'on one process' };
  console.log('fan-out: measuring…');
  const sizes = String(values['fan-out']).split(',').map(Number);
  const single = await measureFanOut({
    sizes,
    rounds: Math.min(rounds, 5),
    servers: [servers[0]!],
    tokens: fanTokens,
    trigger,
    raw,
  });
  for (const pair of single)
    fanOutRows.push(
      fanOutRow(
        `one event to ${pair.ours.sockets.toLocaleString('en')} sockets, one process`,
        pair,
        goals[pair.ours.sockets] ?? '',
      ),
    );
  const splitSize = Math.min(5000, Math.max(...sizes));
  const [split] = await measureFanOut({
    sizes: [splitSize],
    rounds: Math.min(rounds, 5),
    servers,
    tokens: fanTokens,
    trigger,
    raw,
  });
  fanOutRows.push(
    fanOutRow(
      `one event to ${splitSize.toLocaleString('en')} sockets split over two processes (Redis)`,
      split!,
      'delivered by both',
    ),
  );
  for (const row of fanOutRows)
    console.log(
      `${row.figure}: p50 ${row.p50.toFixed(0)} / p99 ${row.p99.toFixed(0)} ms vs raw ${row.rawP50.toFixed(0)} / ${row.rawP99.toFixed(0)} ms; ${row.kib.toFixed(1)} KiB per socket (raw ${row.rawKib.toFixed(1)})`,
    );
  raw.process.kill('SIGTERM');
  const open = (await pool.query("select count(*)::int as n from hazard where status <> 'CLOSED'")).rows[0].n as number;
  lateness = {
    ...(await measureDeadlineLateness({
      url: servers[0]!.url,
      pid: one.pid!,
      directorToken: fanTokens[0]!,
      file: (title, deadline) =>
        gql(
          FILE,
          {
            input: {
              title,
              grade: 'THIRD',
              measures: '限期整改',
              responsiblePerson: '张三',
              deadline: deadline.toISOString(),
            },
          },
          tokens.e001,
          servers[0]!.url,
        ),
      samples: 10,
    })),
    open,
  };
  console.log(
    `DEADLINE_MISSED lateness among ${open} open hazards: p50 ${lateness.p50} ms, max ${lateness.max} ms; idle CPU ${lateness.idleCpuPercent.toFixed(1)} %`,
  );
  one.kill('SIGTERM');
  two.kill('SIGTERM');
}

// ---- the report --------------------------------------------------------------------------------
const loadAtEnd = loadavg();
await pool.end();
const version = execVersion();
function execVersion(): string {
  return `Node ${process.version}`;
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free), ${version}`;
const load = `load average ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at start, ${loadAtEnd.map((l) => l.toFixed(1)).join(' / ')} at end (1/5/15 min; ${cpus().length} cores, shared with other developers)`;
const rows = figures.map((f) => {
  const ratio = f.hazardloop / f.baseline;
  const fmt = (v: number) => (f.unit === 'ms' ? `${v.toFixed(1)} ms` : `${v.toFixed(0)} req/s`);
  return `| ${f.figure} | ${fmt(f.hazardloop)} | ${fmt(f.baseline)} | ${ratio.toFixed(2)}× | ${f.same} | ${f.goal} |`;
});
const section = [
  `## ${scaleName}: ${scale.enterprises.toLocaleString('en')} enterprises / ${scale.hazards.toLocaleString('en')} hazards`,
  '',
  `Run ${new Date().toISOString()} on PostgreSQL (\`${dbName}\`), ${rounds} alternating rounds, medians.`,
  `Machine: ${machine}. Load: ${load}. Server start-up on this data: ${(startupMs / 1000).toFixed(1)} s.`,
  '',
  '| figure | HazardLoop | baseline | ratio | same figures | goal |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  ...(fanOutRows.length
    ? [
        'Fan-out: latency from sending the triggering `fileHazard` (the baseline: its POST /broadcast) to each socket’s frame, p50 / p99 over the sockets, median of the rounds; memory is the server processes’ resident growth per socket.',
        '',
        '| figure | HazardLoop p50 / p99 | of which the `fileHazard` answer | raw `ws` p50 / p99 | p99 ratio | memory per socket (raw) | goal |',
        '|---|---|---|---|---|---|---|',
        ...fanOutRows.map(
          (r) =>
            `| ${r.figure} | ${r.p50.toFixed(0)} / ${r.p99.toFixed(0)} ms | ${r.triggerMs.toFixed(0)} ms | ${r.rawP50.toFixed(0)} / ${r.rawP99.toFixed(0)} ms | ${(r.p99 / r.rawP99).toFixed(2)}× | ${r.kib.toFixed(1)} KiB (${r.rawKib.toFixed(1)} KiB) | ${r.goal} |`,
        ),
        '',
      ]
    : []),
  ...(lateness
    ? [
        `DEADLINE_MISSED lateness, ${lateness.samples} hazards filed with a deadline seconds ahead among ${lateness.open.toLocaleString('en')} open ones: p50 ${lateness.p50} ms, max ${lateness.max} ms late on a director's socket (goal: p99 ≤ 1 s). The server's idle CPU over 10 s afterwards: ${lateness.idleCpuPercent.toFixed(1)} % of a core (goal: < 2 %).`,
        '',
      ]
    : []),
].join('\n');
const out = String(values.out);
let existing: string;
try {
  existing = readFileSync(out, 'utf8');
} catch {
  existing = '';
}
const marker = `<!-- bench:scale ${scaleName} -->`;
const endMarker = `<!-- /bench:scale ${scaleName} -->`;
const block = `${marker}\n${section}${endMarker}`;
if (existing.includes(marker)) {
  existing = existing.replace(new RegExp(`${marker}[\\s\\S]*?${endMarker}`), block);
} else {
  existing = `${existing.trimEnd()}\n\n${block}\n`;
}
writeFileSync(out, existing);
console.log(`wrote ${out}`);
process.exit(0);
