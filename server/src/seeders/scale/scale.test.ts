import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../config/database.js';
import { loadEnv } from '../../config/env.js';
import { reconcileAlerts } from '../../modules/alert/alert.service.js';
import { verifyAuditChain } from '../../modules/audit/audit.service.js';
import type { EventPublisher } from '../../modules/event/change.js';
import { hashPassword } from '../../modules/auth/password.js';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { DEMO_PASSWORD } from '../organisation.js';
import { seedScale } from './scale.seed.js';

/** Nobody listens in this test: the events are only written. */
const noPublisher: EventPublisher = { publish: () => undefined };

const dialects = await testDialects();

/** Small enough for CI (seconds), large enough for 10 departments: what a per-department statement would multiply. */
const ENTERPRISES = 2000;
const HAZARDS = 10_000;
const NOW = new Date('2026-06-01T02:00:00Z');

const WALLBOARD = `{ wallboard { enterpriseCount loginRate filingRate onTimeRate openHazards overdueHazards noLoginCount
  noFilingCount keyTargetCount openMajor openSecond openThird
  byDepartment { enterpriseCount openHazards loginRate department { name } leader { displayName } chief { displayName } } } }`;
const STATS = `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) {
  hazardsFound hazardsEntered overdue closed loginRate filingRate onTimeRate } }`;

interface Statement {
  sql: string;
  bindings: unknown[];
}

describe.each(dialects)('the scale generator and what province-sized data costs, on %s', (dialect) => {
  let db: TestDatabase;
  let server: TestServer;
  let statements: Statement[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const env = loadEnv({ DATABASE_URL: db.url });
    const orm = await openDatabase(env);
    try {
      await seedScale(orm.em.getKnex(), dialect, {
        enterprises: ENTERPRISES,
        hazards: HAZARDS,
        now: NOW,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        noLoginWindowMs: env.noLoginWindowMs,
        noFilingWindowMs: env.noFilingWindowMs,
      });
    } finally {
      await orm.close();
    }
    server = await startTestServer({ dialect, database: db, seed: 'none', env: { FAKE_NOW: NOW.toISOString() } });
    server.app.orm.em
      .getConnection()
      .getKnex()
      .on(
        'query',
        (q: { sql: string; bindings?: unknown[] }) => void statements.push({ sql: q.sql, bindings: q.bindings ?? [] }),
      );
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const measure = async (query: string, username: string, variables: Record<string, unknown> = {}) => {
    const token = await server.login(username);
    statements = [];
    const result = await server.gql(query, variables, token);
    expect(result.errors).toBeUndefined();
    return {
      data: result.data!,
      statements: statements.filter((s) => !/^(begin|commit|rollback|savepoint|release)/i.test(s.sql)),
    };
  };

  it('fills the database with plausible data the demo accounts can sign in to', async () => {
    const { data } = await measure(WALLBOARD, 'director');
    const board = data.wallboard;
    expect(board.enterpriseCount).toBe(ENTERPRISES);
    expect(board.byDepartment).toHaveLength(10);
    // A few per cent silent: most sign in and file, some do not.
    expect(board.loginRate).toBeGreaterThan(0.9);
    expect(board.loginRate).toBeLessThan(0.995);
    expect(board.noLoginCount).toBeGreaterThan(ENTERPRISES * 0.01);
    expect(board.noFilingCount).toBeGreaterThan(ENTERPRISES * 0.01);
    expect(board.openMajor).toBeGreaterThan(0);
    expect(board.openSecond).toBeGreaterThan(0);
    expect(board.openThird).toBeGreaterThan(board.openSecond);
    expect(board.overdueHazards).toBeGreaterThan(0);
    expect(board.overdueHazards).toBeLessThan(board.openHazards);
    expect(board.byDepartment[0].chief.displayName).toBe('第1科科长');

    const chief = await measure(WALLBOARD, 'chief1');
    expect(chief.data.wallboard.enterpriseCount).toBe(ENTERPRISES / 10);
    const e001 = await measure(`{ me { username } hazards(first: 5) { edges { node { status grade } } } }`, 'e001');
    expect(e001.data.me.username).toBe('e001');
    expect(e001.data.hazards.edges.length).toBeGreaterThan(0);

    const em = server.app.orm.em.fork();
    const chain = await verifyAuditChain(em);
    expect(chain.valid).toBe(true);
    // One entry per filing, then the sign-ins above.
    expect(chain.length).toBeGreaterThanOrEqual(HAZARDS);
    // Stored displays, as a watching server would have raised them: a start has nothing to catch up.
    const alerts = await server.gql(`{ alerts { kind } }`, {}, await server.login('director'));
    const kinds = new Set((alerts.data!.alerts as Array<{ kind: string }>).map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['NO_FILING', 'NO_LOGIN', 'OVERDUE']);
  });

  it('computes the director’s wallboard in a few grouped statements, not a count per department', async () => {
    const director = await measure(WALLBOARD, 'director');
    const chief = await measure(WALLBOARD, 'chief1');
    const me = await measure(`{ me { username } }`, 'director');
    const own = director.statements.length - me.statements.length;
    // departments, enterprise figures, open hazards, on-time and the batched leaders/chiefs: a fixed number,
    // whatever the departments; no dual-prevention statement, since this query reads none of its figures.
    expect(own).toBeLessThanOrEqual(5);
    expect(director.statements.length).toBe(chief.statements.length);
    expect(director.statements.some((s) => /check_task|risk_point|control_measure/.test(s.sql))).toBe(false);
    // Asked for, the risk figures (points, enterprises by colour, missed, check completion) are four more.
    const withRisk = await measure(
      `{ wallboard { checksMissedCount byDepartment { checkCompletionRate riskPointsMajor } } }`,
      'director',
    );
    const risky = withRisk.statements.filter((s) => /check_task|risk_point|control_measure/.test(s.sql));
    expect(risky).toHaveLength(4);
  });

  it('counts a page only when totalCount is asked for', async () => {
    const page = (total: boolean) =>
      measure(`{ hazards(first: 100) { ${total ? 'totalCount' : ''} edges { node { title } } } }`, 'director');
    const without = await page(false);
    const withTotal = await page(true);
    expect(without.statements.some((s) => /count\(/i.test(s.sql))).toBe(false);
    expect(withTotal.statements.length).toBe(without.statements.length + 1);
    expect(withTotal.data.hazards.totalCount).toBe(HAZARDS);
  });

  it.runIf(dialect === 'postgresql')(
    'plans the wallboard and stats without a subplan per enterprise over the logs, or any subplan that scans',
    async () => {
      const plans: string[] = [];
      const problems: string[] = [];
      interface PlanNode {
        'Node Type': string;
        'Relation Name'?: string;
        'Parent Relationship'?: string;
        Plans?: PlanNode[];
      }
      const relations = (node: PlanNode): string[] => [
        ...(node['Node Type'] === 'Seq Scan' ? [`seq scan ${node['Relation Name']}`] : []),
        ...(node['Relation Name'] ? [node['Relation Name']] : []),
        ...(node.Plans ?? []).flatMap(relations),
      ];
      // A subplan runs once per outer row: fine as an index probe, never over the logs, never a scan.
      const walk = (node: PlanNode, sql: string) => {
        if (node['Parent Relationship'] === 'SubPlan') {
          const inside = relations(node);
          if (inside.some((r) => r.startsWith('seq scan') || r === 'login_event' || r === 'event_log'))
            problems.push(`${inside.join(', ')} in a subplan of: ${sql.slice(0, 300)}`);
        }
        for (const child of node.Plans ?? []) walk(child, sql);
      };
      const explain = async (list: Statement[]) => {
        for (const s of list.filter((x) => /^\s*(select|with)/i.test(x.sql))) {
          // knex hands PostgreSQL $n placeholders; the connection formats ? ones.
          const sql = s.sql.replace(/\$\d+/g, '?');
          const rows = await server.app.orm.em.getConnection().execute(`explain (format json) ${sql}`, s.bindings);
          const plan = (rows[0] as Record<string, Array<{ Plan: PlanNode }>>)['QUERY PLAN']![0]!.Plan;
          plans.push(JSON.stringify(plan));
          walk(plan, sql);
        }
      };
      await explain((await measure(WALLBOARD, 'director')).statements);
      await explain((await measure(WALLBOARD, 'chief1')).statements);
      const sixMonths = { from: new Date(NOW.getTime() - 182 * 86_400_000).toISOString(), to: NOW.toISOString() };
      await explain((await measure(STATS, 'director', sixMonths)).statements);
      // A period that ended earlier: the rates come from the logs, through EXISTS on their indexes.
      const earlier = {
        from: new Date(NOW.getTime() - 200 * 86_400_000).toISOString(),
        to: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(),
      };
      await explain((await measure(STATS, 'chief1', earlier)).statements);
      expect(plans.length).toBeGreaterThan(10);
      expect(problems).toEqual([]);
      // The rates themselves have no subplan at all (the loops=2018 over the login events).
      const rates = plans.filter((p) => p.includes('"enterprise"') && !p.includes('"hazard"'));
      expect(rates.length).toBeGreaterThan(2);
      for (const plan of rates) expect(plan).not.toMatch(/SubPlan/);
    },
    120_000,
  );

  it('keeps the alert watcher incremental: a pass with nothing due reads a handful of rows, a catch-up runs in bounded batches and stops when asked', async () => {
    await server.app.realtime.alerts.stop();
    const env = server.app.deps.env;
    const now = server.app.deps.clock.now();
    const em = server.app.orm.em;
    statements = [];
    expect(await reconcileAlerts(em.fork(), noPublisher, env, now)).toEqual({ raised: 0, cleared: 0 });
    // One read per display rule (raise, clear) for each of the four displays and no transaction: never the
    // whole set of current displays.
    expect(statements.length).toBeLessThanOrEqual(8);
    expect(statements.some((s) => /advisory/i.test(s.sql))).toBe(false);

    // As if no server had ever watched the quiet enterprises: a catch-up, ten at a time, stopped after three batches.
    const knex = em.getKnex();
    const before = Number(
      ((await knex('alert').where({ kind: 'NO_LOGIN' }).count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n,
    );
    expect(before).toBeGreaterThan(30);
    await knex('alert').where({ kind: 'NO_LOGIN' }).delete();
    let batches = 0;
    statements = [];
    const stopped = await reconcileAlerts(em.fork(), noPublisher, env, now, {
      batchSize: 10,
      // Asked before each batch: the no-login clearing finds nothing, then three batches of raising.
      shouldStop: () => batches++ >= 4,
    });
    expect(stopped).toEqual({ raised: 30, cleared: 0 });
    // One bounded transaction per batch.
    expect(statements.filter((s) => /^\s*begin/i.test(s.sql))).toHaveLength(3);
    const rest = await reconcileAlerts(em.fork(), noPublisher, env, now, { batchSize: 50 });
    expect(rest).toEqual({ raised: before - 30, cleared: 0 });
    expect(await reconcileAlerts(em.fork(), noPublisher, env, now)).toEqual({ raised: 0, cleared: 0 });
  }, 120_000);
});
