import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';

const ENTERPRISES = `query($f: EnterpriseFilter, $first: Int) {
  enterprises(filter: $f, first: $first) { totalCount edges { node { code name creditCode alerts { kind } department { id } } } }
}`;
const HAZARDS = `query($f: HazardFilter, $first: Int) {
  hazards(filter: $f, first: $first) { totalCount edges { node { title location enterprise { id code name } } } }
}`;

/** Server-side filters (issue 11, item 3): the page and `totalCount` are of the filtered set, never of a loaded page. */
describe.each(await testDialects())('filters and search over the whole set, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it('hasAlerts: every enterprise with a display standing, however few are on a page, with a true total', async () => {
    for (const user of ['director', 'chief1']) {
      const token = await server.login(user);
      const all = (await server.gql(ENTERPRISES, { first: 200 }, token)).data!.enterprises;
      const alerted = all.edges.filter((e: any) => e.node.alerts.length > 0).map((e: any) => e.node.code);
      expect(alerted.length, user).toBeGreaterThan(0);
      expect(alerted.length, user).toBeLessThan(all.totalCount);

      const firstPage = (await server.gql(ENTERPRISES, { f: { hasAlerts: true }, first: 2 }, token)).data!.enterprises;
      expect(firstPage.totalCount, user).toBe(alerted.length);
      expect(firstPage.edges.map((e: any) => e.node.code)).toEqual(alerted.slice(0, 2));
      const quiet = (await server.gql(ENTERPRISES, { f: { hasAlerts: false }, first: 200 }, token)).data!.enterprises;
      expect(quiet.totalCount, user).toBe(all.totalCount - alerted.length);
      expect(quiet.edges.every((e: any) => e.node.alerts.length === 0)).toBe(true);
    }
  });

  it('searches enterprises by part of the name or the credit code, and a department outside scope finds none', async () => {
    const token = await server.login('chief1');
    const all = (await server.gql(ENTERPRISES, { first: 200 }, token)).data!.enterprises.edges.map((e: any) => e.node);
    const target = all[7];
    const byName = (await server.gql(ENTERPRISES, { f: { search: target.name.slice(2, 6) } }, token)).data!.enterprises;
    expect(byName.edges.map((e: any) => e.node.code)).toContain(target.code);
    expect(byName.totalCount).toBe(byName.edges.length);
    const byCode = (await server.gql(ENTERPRISES, { f: { search: target.creditCode.slice(4, 14) } }, token)).data!
      .enterprises;
    expect(byCode.edges.map((e: any) => e.node.code)).toEqual([target.code]);

    const director = await server.login('director');
    const other = (await server.gql(ENTERPRISES, { first: 200 }, director))
      .data!.enterprises.edges.map((e: any) => e.node)
      .find((e: any) => e.department.id !== target.department.id);
    const outside = (await server.gql(ENTERPRISES, { f: { departmentId: other.department.id } }, token)).data!
      .enterprises;
    expect(outside.totalCount).toBe(0);
  });

  it('searches hazards by words of the title and by enterprise, with a true total', async () => {
    const token = await server.login('director');
    const some = (await server.gql(HAZARDS, { first: 50 }, token)).data!.hazards.edges.map((e: any) => e.node);
    const word = some[0].title.slice(0, 3);
    const found = (await server.gql(HAZARDS, { f: { search: word }, first: 200 }, token)).data!.hazards;
    expect(found.totalCount).toBeGreaterThan(0);
    expect(found.edges.every((e: any) => `${e.node.title}${e.node.location}${e.node.enterprise.name}`.length > 0)).toBe(
      true,
    );
    expect(found.edges.some((e: any) => e.node.title.includes(word))).toBe(true);
    const ofOne = (await server.gql(HAZARDS, { f: { enterpriseId: some[0].enterprise.id }, first: 200 }, token)).data!
      .hazards;
    expect(ofOne.edges.every((e: any) => e.node.enterprise.id === some[0].enterprise.id)).toBe(true);
    const byEnterpriseName = (await server.gql(HAZARDS, { f: { search: some[0].enterprise.name }, first: 200 }, token))
      .data!.hazards;
    expect(byEnterpriseName.totalCount).toBeGreaterThanOrEqual(ofOne.totalCount);
    const none = (await server.gql(HAZARDS, { f: { search: '没有这样的隐患标题' } }, token)).data!.hazards;
    expect(none).toEqual({ totalCount: 0, edges: [] });
  });
});
