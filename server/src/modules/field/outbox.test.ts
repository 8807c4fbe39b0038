import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, enterpriseId, fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ManualClock } from '../common/clock.js';
import { EventRecord } from '../event/event-record.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { Inspection } from '../inspection/inspection.entity.js';
import { Photo } from '../photo/photo.entity.js';

const dialects = await testDialects();
const HOUR = 3_600_000;
const SUBMIT = `mutation($id: ID!, $note: String, $photoIds: [ID!], $key: String, $queuedAt: DateTime) {
  submitRectification(hazardId: $id, note: $note, photoIds: $photoIds, idempotencyKey: $key, queuedAt: $queuedAt) {
    id status submittedAt history { action data } } }`;
const RECORD = `mutation($input: InspectionInput!) { recordInspection(input: $input) { id inspectedAt findings { hazard { id } } } }`;
const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id discoveredAt filedAt queuedAt backfilled history { data } } }`;

describe.each(dialects)('operations sent from a phone’s outbox (R17), on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  const ago = (ms: number) => new Date(clock.now().getTime() - ms).toISOString();
  const counts = async () => {
    const em = server.app.orm.em.fork();
    return {
      hazards: await em.count(Hazard),
      inspections: await em.count(Inspection),
      photos: await em.count(Photo),
      audit: await em.count(AuditEntry),
      events: await em.count(EventRecord),
    };
  };
  const upload = async (bytes: Buffer, token: string, key?: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'p.png');
    const response = await fetch(`${server.url}/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const png = (r: number) =>
    sharp({ create: { width: 20, height: 20, channels: 3, background: { r, g: 40, b: 40 } } })
      .png()
      .toBuffer();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server?.close());

  it('submits a rectification once however often the phone resends it, and keeps its outbox delay', async () => {
    const hazard = await fileWithPlan(server, 'e001', { grade: 'THIRD' });
    const e001 = await server.login('e001');
    const photo = await upload(await png(10), e001, 'phone-a-photo-1');
    const vars = {
      id: hazard.id,
      note: '已重新接地',
      photoIds: [photo.body.id],
      key: 'phone-a-0001',
      queuedAt: ago(HOUR),
    };
    const first = await server.gql(SUBMIT, vars, e001);
    expect(first.errors).toBeUndefined();
    const before = await counts();
    clock.advance(60_000);
    const again = await server.gql(SUBMIT, vars, e001);
    expect(again.errors).toBeUndefined();
    expect(again.data!.submitRectification).toEqual(first.data!.submitRectification);
    expect(await counts()).toEqual(before);

    const entry = first.data!.submitRectification.history.find((h: any) => h.action === 'hazard.submitted');
    expect(JSON.parse(entry.data).offline).toEqual({ queuedAt: vars.queuedAt, delaySeconds: 3600, backfilled: false });

    const other = await server.gql(SUBMIT, { ...vars, note: '另一份说明' }, e001);
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(other.errors![0]!.extensions!['field']).toBe('idempotencyKey');
  });

  it('uploads a resent photo once, and refuses its key for another photo', async () => {
    const e002 = await server.login('e002');
    const bytes = await png(20);
    const first = await upload(bytes, e002, 'phone-b-photo-1');
    const before = await counts();
    const again = await upload(bytes, e002, 'phone-b-photo-1');
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
    const other = await upload(await png(30), e002, 'phone-b-photo-1');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
  });

  it('records an on-site inspection once when it is resent', async () => {
    const id = await enterpriseId(server, 'e003');
    const inspector = await server.login('inspector1');
    const input = {
      enterpriseId: id,
      kind: 'REGULATOR_INSPECTION',
      idempotencyKey: 'phone-c-0001',
      queuedAt: ago(2 * HOUR),
      findings: [
        {
          outcome: 'NEW_HAZARD',
          hazard: { title: '配电室无挡鼠板', grade: 'THIRD', rectifiedOnSpot: true, measures: '现场加装' },
        },
      ],
    };
    const [a, b] = await Promise.all([
      server.gql(RECORD, { input }, inspector),
      server.gql(RECORD, { input }, inspector),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data!.recordInspection.id).toBe(a.data!.recordInspection.id);
    // Taken place when it was queued, not when the signal came back.
    expect(a.data!.recordInspection.inspectedAt).toBe(input.queuedAt);
    const before = await counts();
    expect((await server.gql(RECORD, { input }, inspector)).data!.recordInspection.id).toBe(
      a.data!.recordInspection.id,
    );
    expect(await counts()).toEqual(before);
  });

  it('files an outbox hazard as discovered when queued, flags a long wait, and refuses a queue time in the future', async () => {
    const e004 = await server.login('e004');
    const base = { title: '消防通道堆放杂物', grade: 'THIRD', rectifiedOnSpot: true, measures: '已清理' };
    const queuedAt = ago(8 * 24 * HOUR);
    const filed = await server.gql(FILE, { input: { ...base, queuedAt, idempotencyKey: 'phone-d-0001' } }, e004);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileHazard).toMatchObject({
      discoveredAt: queuedAt,
      queuedAt,
      filedAt: clock.now().toISOString(),
      backfilled: true,
    });
    expect(JSON.parse(filed.data!.fileHazard.history[0].data).offline).toMatchObject({
      delaySeconds: 8 * 24 * 3600,
      backfilled: true,
    });

    const before = await counts();
    const future = await server.gql(
      FILE,
      { input: { ...base, queuedAt: new Date(clock.now().getTime() + 10 * 60_000).toISOString() } },
      e004,
    );
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0]!.extensions!['field']).toBe('queuedAt');
    expect(await counts()).toEqual(before);
  });
});

describe.each(dialects)('a check recorded from a phone’s outbox (R14, R17), on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  const CHECK = `mutation($taskId: ID!, $result: CheckResult!, $hazard: FileHazardInput, $photoIds: [ID!], $key: String, $queuedAt: DateTime) {
    recordCheck(taskId: $taskId, result: $result, hazard: $hazard, photoIds: $photoIds, idempotencyKey: $key, queuedAt: $queuedAt) {
      id status result hazard { id discoveredAt filedAt queuedAt history { action data } } } }`;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server?.close());

  async function openTask(token: string, checkEvery = '1d') {
    const point = await server.gql(
      `mutation($input: RiskPointInput!) { saveRiskPoint(input: $input) { id } }`,
      { input: { name: `配电室 ${Math.random()}`, kind: 'SITE', likelihood: 3, severity: 3 } },
      token,
    );
    const measure = await server.gql(
      `mutation($input: ControlMeasureInput!) { saveControlMeasure(input: $input) { id currentTask { id dueAt } } }`,
      {
        input: {
          riskPointId: point.data!.saveRiskPoint.id,
          description: '检查配电柜接地',
          category: 'MAINTENANCE',
          checkEvery,
          checkRole: 'POST',
        },
      },
      token,
    );
    expect(measure.errors).toBeUndefined();
    return measure.data!.saveControlMeasure.currentTask as { id: string; dueAt: string };
  }

  it('records a queued HAZARD_FOUND check once however often it is resent, found when it was queued', async () => {
    const e005 = await server.login('e005');
    const task = await openTask(e005);
    const queuedAt = new Date(clock.now().getTime() - HOUR).toISOString();
    const vars = {
      taskId: task.id,
      result: 'HAZARD_FOUND',
      hazard: { title: '配电柜接地线松动', grade: 'THIRD', rectifiedOnSpot: true, measures: '已紧固' },
      key: 'phone-e-check-1',
      queuedAt,
    };
    const first = await server.gql(CHECK, vars, e005);
    expect(first.errors).toBeUndefined();
    const hazard = first.data!.recordCheck.hazard;
    expect(hazard).toMatchObject({ discoveredAt: queuedAt, queuedAt, filedAt: clock.now().toISOString() });
    expect(JSON.parse(hazard.history[0].data).offline).toEqual({ queuedAt, delaySeconds: 3600, backfilled: false });
    const recorded = await server.app.orm.em
      .fork()
      .findOneOrFail(AuditEntry, { action: 'check.recorded', subjectId: task.id });
    expect(JSON.parse(recorded.data).offline).toMatchObject({ delaySeconds: 3600 });

    const before = {
      hazards: await server.app.orm.em.fork().count(Hazard),
      audit: await server.app.orm.em.fork().count(AuditEntry),
    };
    clock.advance(60_000);
    const again = await server.gql(CHECK, vars, e005);
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordCheck).toEqual(first.data!.recordCheck);
    expect({
      hazards: await server.app.orm.em.fork().count(Hazard),
      audit: await server.app.orm.em.fork().count(AuditEntry),
    }).toEqual(before);
  });

  it('refuses a queue time in the future, recording nothing', async () => {
    const e006 = await server.login('e006');
    const task = await openTask(e006);
    const future = await server.gql(
      CHECK,
      { taskId: task.id, result: 'NORMAL', queuedAt: new Date(clock.now().getTime() + 10 * 60_000).toISOString() },
      e006,
    );
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0]!.extensions!['field']).toBe('queuedAt');
    const tasks = await server.gql(`{ checkTasks(filter: { status: DUE }) { edges { node { id } } } }`, {}, e006);
    expect(tasks.data!.checkTasks.edges.map((e: any) => e.node.id)).toContain(task.id);
  });
});
