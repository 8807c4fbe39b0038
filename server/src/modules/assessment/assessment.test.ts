import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.service.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { CheckTask } from '../risk/check-task.entity.js';
import { CheckTaskStatus } from '../risk/risk.enums.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const dialects = await testDialects();

const ASSESS = `query($kind: AssessmentKind!, $from: DateTime!, $to: DateTime!) { assessment(kind: $kind, from: $from, to: $to) {
  subjectId subjectName score rank items { key label value points maxPoints explanation explanationEn } } }`;
const CLOSE = `mutation($kind: AssessmentKind!, $from: DateTime!, $to: DateTime!) { closeAssessmentPeriod(kind: $kind, from: $from, to: $to) {
  id schemeVersion scores { subjectId score rank } } }`;
const SAVE = `mutation($input: AssessmentSchemeInput!) { saveAssessmentScheme(input: $input) { version items { key points } } }`;
const ONLY_ON_TIME = {
  kind: 'ENTERPRISE',
  note: '只考核按时整改',
  items: [
    { key: 'onTime', label: '按时整改率', metric: 'ON_TIME_RATE', points: 100, rule: 'LINEAR', floor: 0.99, target: 1 },
  ],
};

describe.each(dialects)('assessment (考核), on %s', (dialect) => {
  let server: TestServer;
  let from: string;
  let to: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const now = server.app.deps.clock.now().getTime();
    from = new Date(now - 60 * 86_400_000).toISOString();
    to = new Date(now - 60_000).toISOString();
  });
  afterAll(() => server?.close());

  const ask = async (query: string, variables: Record<string, unknown>, user = 'director') => {
    const result = await server.gql(query, variables, await server.login(user));
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  };

  it('ranks every enterprise, each score the sum of its items, every lost point explained', async () => {
    const scores: any[] = (await ask(ASSESS, { kind: 'ENTERPRISE', from, to })).assessment;
    const registered = await server.app.orm.em.fork().count(Enterprise, { registeredAt: { $lte: new Date(to) } });
    expect(scores).toHaveLength(registered);
    expect(new Set(scores.map((s) => s.subjectId)).size).toBe(registered);
    expect(scores[0].rank).toBe(1);
    for (const [i, s] of scores.entries()) {
      expect(s.score).toBeCloseTo(
        s.items.reduce((n: number, item: any) => n + item.points, 0),
        6,
      );
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
      if (i > 0) expect(s.score).toBeLessThanOrEqual(scores[i - 1].score);
      if (i > 0) expect(s.rank).toBe(s.score === scores[i - 1].score ? scores[i - 1].rank : i + 1);
      for (const item of s.items) {
        if (item.points < item.maxPoints) {
          expect(item.explanation).toMatch(/扣/);
          expect(item.explanationEn).toMatch(/lost/);
        } else expect(item.explanation).toBeNull();
      }
    }
    expect(scores.reduce((n, s) => n + s.items[0].maxPoints, 0)).toBeGreaterThan(0);
    expect(scores.some((s) => s.score < 100)).toBe(true);
  });

  it('scores the check tasks of dual prevention (R14), so that the demo enterprises do not all tie at 100', async () => {
    const scores: any[] = (await ask(ASSESS, { kind: 'ENTERPRISE', from, to })).assessment;
    const checksOf = (s: any) => s.items.find((i: any) => i.key === 'checks');
    for (const s of scores)
      expect(checksOf(s), s.subjectName).toMatchObject({ label: '排查任务完成率', maxPoints: 15 });
    const lapsed = await server.app.orm.em.fork().find(Enterprise, { code: { $in: ['e052', 'e074', 'e093'] } });
    for (const enterprise of lapsed) {
      const item = checksOf(scores.find((s) => s.subjectId === enterprise.id));
      expect(item.value).toBeLessThan(1);
      expect(item.points).toBeLessThan(15);
      expect(item.explanation).toMatch(/^排查任务完成率为[\d.]+%/);
      expect(item.explanationEn).toMatch(/^The check completion rate was/);
    }
    // What a bureau would believe of 100 enterprises over two months: a spread of scores, fewer than half perfect.
    expect(new Set(scores.map((s) => s.score)).size).toBeGreaterThanOrEqual(20);
    expect(scores.filter((s) => s.score === 100).length).toBeLessThan(scores.length / 2);

    const { stats } = await ask(
      `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) { checksEnded checksDone checkCompletionRate } }`,
      { from, to },
    );
    const em = server.app.orm.em.fork();
    const ended = await em.count(CheckTask, {
      dueAt: { $gte: new Date(from), $lte: new Date(to) },
      status: { $in: [CheckTaskStatus.DONE, CheckTaskStatus.MISSED] },
    });
    const done = await em.count(CheckTask, {
      dueAt: { $gte: new Date(from), $lte: new Date(to) },
      status: CheckTaskStatus.DONE,
    });
    expect(ended).toBeGreaterThan(1000);
    expect(stats).toEqual({ checksEnded: ended, checksDone: done, checkCompletionRate: done / ended });
  });

  it('scores departments and cadres, and shows a section chief their own only', async () => {
    expect((await ask(ASSESS, { kind: 'DEPARTMENT', from, to })).assessment).toHaveLength(5);
    const cadres: any[] = (await ask(ASSESS, { kind: 'CADRE', from, to })).assessment;
    expect(cadres.some((c) => c.subjectName.includes('分管领导'))).toBe(true);
    expect(cadres.some((c) => c.subjectName.includes('科长'))).toBe(true);
    expect((await ask(ASSESS, { kind: 'DEPARTMENT', from, to }, 'chief1')).assessment).toHaveLength(1);
    const mine: any[] = (await ask(ASSESS, { kind: 'ENTERPRISE', from, to }, 'chief1')).assessment;
    expect(mine).toHaveLength(20);
    const refused = await server.gql(ASSESS, { kind: 'ENTERPRISE', from, to }, await server.login('e001'));
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('lets only the director or an admin change a scheme, and only into 100 points', async () => {
    const analyst = await server.gql(SAVE, { input: ONLY_ON_TIME }, await server.login('analyst'));
    expect(analyst.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const chief = await server.gql(CLOSE, { kind: 'ENTERPRISE', from, to }, await server.login('chief1'));
    expect(chief.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const ninety = { ...ONLY_ON_TIME, items: [{ ...ONLY_ON_TIME.items[0], points: 90 }] };
    const bad = await server.gql(SAVE, { input: ninety }, await server.login('director'));
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
    expect(bad.errors![0]!.message).toContain('100');
  });

  it('freezes a closed period in the audit chain; a new scheme changes the next computation only', async () => {
    const before: any[] = (await ask(ASSESS, { kind: 'ENTERPRISE', from, to })).assessment;
    const closed = (await ask(CLOSE, { kind: 'ENTERPRISE', from, to })).closeAssessmentPeriod;
    expect(closed.scores.map((s: any) => s.score)).toEqual(before.map((s) => s.score));
    const again = await server.gql(CLOSE, { kind: 'ENTERPRISE', from, to }, await server.login('director'));
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    const em = server.app.orm.em.fork();
    expect(await em.count(AuditEntry, { action: 'assessment.period_closed' })).toBe(1);
    expect((await verifyAuditChain(em)).valid).toBe(true);

    const saved = (await ask(SAVE, { input: ONLY_ON_TIME })).saveAssessmentScheme;
    expect(saved.version).toBe(1);
    const frozen: any[] = (await ask(ASSESS, { kind: 'ENTERPRISE', from, to })).assessment;
    expect(frozen).toEqual(before);
    const next: any[] = (
      await ask(ASSESS, { kind: 'ENTERPRISE', from, to: new Date(Date.parse(to) - 1000).toISOString() })
    ).assessment;
    expect(next[0].items.map((i: any) => i.key)).toEqual(['onTime']);
    expect(
      (await ask(`{ assessmentSchemeVersions(kind: ENTERPRISE) { version } }`, {})).assessmentSchemeVersions,
    ).toEqual([{ version: 1 }, { version: 0 }]);
  });

  it('ranks active enterprises only: a retired one leaves the ranking (R13)', async () => {
    const e100 = await server.app.orm.em.fork().findOneOrFail(Enterprise, { code: 'e100' });
    const retired = await server.gql(
      `mutation($id: ID!) { setEnterpriseActive(id: $id, active: false, reason: "企业已关闭") { active } }`,
      { id: e100.id },
      await server.login('admin'),
    );
    expect(retired.errors, JSON.stringify(retired.errors)).toBeUndefined();
    const later = new Date(Date.parse(to) - 2000).toISOString();
    const scores: any[] = (await ask(ASSESS, { kind: 'ENTERPRISE', from, to: later })).assessment;
    const active = await server.app.orm.em
      .fork()
      .count(Enterprise, { active: true, registeredAt: { $lte: new Date(later) } });
    expect(scores).toHaveLength(active);
    expect(scores.map((s) => s.subjectId)).not.toContain(e100.id);
  });
});
