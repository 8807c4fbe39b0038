import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseId, fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { ManualClock } from '../common/clock.js';

const dialects = await testDialects();

const CAN = `{ me { can { ledger fileHazards enterprises recordInspections recordEnforcement issueReminders kioskLinks reports graphiql deliveries } } }`;
const HAZARD_CAN = `query($id: ID!) { hazard(id: $id) { viewerCan { submit verify regrade regradeTo requestExtension decideExtension } } }`;

describe.each(dialects)('what the server tells the dashboard a viewer may do, on %s', (dialect) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-20T02:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server?.close());

  const can = async (username: string) =>
    (await server.gql(CAN, {}, await server.login(username))).data!.me.can as Record<string, boolean>;
  const hazardCan = async (id: string, username: string) => {
    const result = await server.gql(HAZARD_CAN, { id }, await server.login(username));
    expect(result.errors).toBeUndefined();
    return result.data!.hazard.viewerCan;
  };

  it('serves the pages each role may open (me.can)', async () => {
    expect(await can('e001')).toMatchObject({ ledger: true, fileHazards: true, enterprises: false, reports: false });
    expect(await can('chief1')).toMatchObject({
      ledger: false,
      enterprises: true,
      recordInspections: true,
      kioskLinks: true,
      issueReminders: false,
      deliveries: false,
    });
    expect(await can('inspector1')).toMatchObject({ recordInspections: true, kioskLinks: false });
    expect(await can('analyst')).toMatchObject({
      enterprises: true,
      graphiql: true,
      recordInspections: false,
      recordEnforcement: false,
      deliveries: true,
    });
    expect(await can('director')).toMatchObject({ issueReminders: true, kioskLinks: true, deliveries: true });
  });

  it('serves the actions on a hazard by its state and grade (R4, R5, R8), as the mutations decide them', async () => {
    const hazard = await fileWithPlan(server, 'e001', { grade: 'SECOND' });
    expect(await hazardCan(hazard.id, 'e001')).toEqual({
      submit: true,
      verify: false,
      regrade: false,
      regradeTo: [],
      requestExtension: true,
      decideExtension: false,
    });
    // A section chief grades up only; the deputy leader over the department confirms SECOND and may grade it down.
    expect((await hazardCan(hazard.id, 'chief1')).regradeTo).toEqual(['MAJOR']);
    expect((await hazardCan(hazard.id, 'leader1')).regradeTo).toEqual(['MAJOR', 'THIRD']);
    expect(await hazardCan(hazard.id, 'analyst')).toMatchObject({ regrade: false, verify: false });

    const submitted = await server.gql(
      `mutation($id: ID!) { submitRectification(hazardId: $id, note: "已整改") { status } }`,
      { id: hazard.id },
      await server.login('e001'),
    );
    expect(submitted.errors).toBeUndefined();
    expect(await hazardCan(hazard.id, 'leader1')).toMatchObject({ verify: true });
    expect(await hazardCan(hazard.id, 'chief1')).toMatchObject({ verify: false });
    expect(await hazardCan(hazard.id, 'e001')).toMatchObject({ submit: false, requestExtension: false });
  });

  it('serves what may be recorded for an enterprise, and the clock and zone pages count days by', async () => {
    const id = await enterpriseId(server, 'e002');
    const of = async (username: string) =>
      (
        await server.gql(
          `query($id: ID!) { enterprise(id: $id) { viewerCan { fileHazard recordInspection recordEnforcement } } }`,
          { id },
          await server.login(username),
        )
      ).data!.enterprise.viewerCan;
    expect(await of('chief1')).toEqual({ fileHazard: true, recordInspection: true, recordEnforcement: true });
    expect(await of('analyst')).toEqual({ fileHazard: false, recordInspection: false, recordEnforcement: false });
    const clockAnswer = await server.gql(`{ serverClock { now timeZone } }`);
    expect(clockAnswer.data!.serverClock).toEqual({ now: clock.now().toISOString(), timeZone: 'Asia/Shanghai' });
  });

  it('serves the roles and what their accounts are attached to, for the administration forms', async () => {
    const answer = await server.gql(
      `{ roleOptions { role belongsToDepartment belongsToEnterprise leadsDepartments headsDepartment } }`,
      {},
      await server.login('admin'),
    );
    expect(answer.errors).toBeUndefined();
    const options = answer.data!.roleOptions as { role: string }[];
    expect(options.map((o) => o.role)).toEqual([
      'ENTERPRISE',
      'INSPECTOR',
      'SECTION_CHIEF',
      'DEPUTY_LEADER',
      'DIRECTOR',
      'ANALYST',
      'ADMIN',
    ]);
    const of = (role: string) => options.find((o) => o.role === role);
    expect(of('INSPECTOR')).toMatchObject({ belongsToDepartment: true, headsDepartment: false });
    expect(of('SECTION_CHIEF')).toMatchObject({ belongsToDepartment: true, headsDepartment: true });
    expect(of('DEPUTY_LEADER')).toMatchObject({ belongsToDepartment: false, leadsDepartments: true });
    expect(of('ENTERPRISE')).toMatchObject({ belongsToEnterprise: true, belongsToDepartment: false });
    expect(of('DIRECTOR')).toMatchObject({ belongsToEnterprise: false, belongsToDepartment: false });
    expect((await server.gql(`{ roleOptions { role } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
