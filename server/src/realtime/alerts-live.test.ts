import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { EVENTS, LiveOperation, openSocket, type EventData, type SocketClient } from '../testing/ws-client.js';

const dialects = await testDialects();

/** Against the real clock, with a window short enough to watch: what a supervisor's screen receives, unprompted. */
describe.each(dialects)('live displays on the real clock with NO_LOGIN_WINDOW=8s, on %s', (dialect) => {
  let server: TestServer;
  let socket: SocketClient;
  let chief: LiveOperation<EventData>;

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { NO_LOGIN_WINDOW: '8s' } });
    await server.app.realtime.alerts.tick();
    const token = await server.login('chief1');
    const since = (await server.gql(`{ latestEventSeq }`, {}, token)).data!.latestEventSeq;
    socket = openSocket(server.url, token);
    await socket.connected;
    chief = new LiveOperation<EventData>(socket.client, EVENTS, { since });
  });
  afterAll(async () => {
    chief?.stop();
    await socket?.dispose();
    await server?.close();
  });

  const about = (kind: string, code: string, alertKind: string) => (e: EventData['events']) =>
    e.kind === kind && e.enterprise?.code === code && e.alert?.kind === alertKind;

  it('pushes ALERT_CLEARED when e005 signs in, and ALERT_RAISED once eight quiet seconds have passed', async () => {
    const alerts = await server.gql(
      `{ alerts(kind: NO_LOGIN) { enterprise { code } } }`,
      {},
      await server.login('chief1'),
    );
    expect(alerts.data!.alerts.map((a: { enterprise: { code: string } }) => a.enterprise.code)).toContain('e005');

    await server.login('e005');
    const cleared = await chief.waitFor(
      (r) => r.some((e) => about('ALERT_CLEARED', 'e005', 'NO_LOGIN')(e.events)),
      'ALERT_CLEARED for e005',
    );
    const clearEvent = cleared.find((e) => about('ALERT_CLEARED', 'e005', 'NO_LOGIN')(e.events))!.events;

    const raised = await chief.waitFor(
      (r) => r.some((e) => about('ALERT_RAISED', 'e005', 'NO_LOGIN')(e.events) && e.events.seq > clearEvent.seq),
      'ALERT_RAISED for e005',
      30_000,
    );
    const raiseEvent = raised.find(
      (e) => about('ALERT_RAISED', 'e005', 'NO_LOGIN')(e.events) && e.events.seq > clearEvent.seq,
    )!.events;
    const e005 = (
      await server.gql(
        `{ enterprises(filter: { search: "e005" }) { edges { node { lastLoginAt } } } }`,
        {},
        await server.login('chief1'),
      )
    ).data!.enterprises.edges[0].node;
    // Due exactly eight seconds after the sign-in, and raised then, not before.
    expect(new Date(raiseEvent.alert!.since).getTime()).toBe(new Date(e005.lastLoginAt).getTime() + 8_000);
    expect(new Date(raiseEvent.at).getTime()).toBeGreaterThanOrEqual(new Date(raiseEvent.alert!.since).getTime());
  });

  it('announces DEADLINE_MISSED for a hazard due four seconds ahead, with nobody sending a request', async () => {
    const deadline = new Date(Date.now() + 4_000);
    const filed = await server.gql(
      `mutation($d: DateTime!) { fileHazard(input: { title: "Gas detector uncalibrated", grade: THIRD, deadline: $d, measures: "Calibrate", responsiblePerson: "Zhao" }) { id overdue } }`,
      { d: deadline.toISOString() },
      await server.login('e001'),
    );
    expect(filed.errors).toBeUndefined();
    const hazardId = filed.data!.fileHazard.id;
    expect(filed.data!.fileHazard.overdue).toBe(false);

    const received = await chief.waitFor(
      (r) => r.some((e) => e.events.kind === 'DEADLINE_MISSED' && e.events.hazard?.id === hazardId),
      'DEADLINE_MISSED',
      30_000,
    );
    const missed = received.find(
      (e) => e.events.kind === 'DEADLINE_MISSED' && e.events.hazard?.id === hazardId,
    )!.events;
    expect(missed.hazard!.overdue).toBe(true);
    // Announced by the server once the deadline had passed, by its own clock, not before.
    expect(new Date(missed.at).getTime()).toBeGreaterThanOrEqual(deadline.getTime());
    await chief.waitFor(
      (r) =>
        r.some(
          (e) =>
            e.events.kind === 'ALERT_RAISED' && e.events.alert?.kind === 'OVERDUE' && e.events.hazard?.id === hazardId,
        ),
      'the OVERDUE display',
    );

    const overdue = await server.gql(
      `{ alerts(kind: OVERDUE) { hazard { id overdue } since } }`,
      {},
      await server.login('chief1'),
    );
    const alert = overdue.data!.alerts.find((a: { hazard: { id: string } }) => a.hazard.id === hazardId);
    expect(alert).toEqual({ hazard: { id: hazardId, overdue: true }, since: deadline.toISOString() });
  });
});
