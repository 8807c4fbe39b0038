import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import {
  readXlsx,
  registryCsvGb18030,
  registryRows,
  registryXlsx,
  uploadImport,
} from '../../testing/registry-files.js';

const dialects = await testDialects();

const IMPORT = `mutation($id: ID!, $dry: Boolean!, $acc: Boolean) { importEnterprises(importId: $id, dryRun: $dry, createAccounts: $acc) { dryRun rowCount created errors { row column message } credentialsUrl } }`;

describe.each(dialects)('importing the registry from a spreadsheet, on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let township: string;
  let department: string;
  const count = async () =>
    (await server.gql('{ enterprises { totalCount } }', {}, admin)).data!.enterprises.totalCount as number;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    admin = await server.login('admin');
    const names = await server.gql('{ townships { name } departments { name } }', {}, admin);
    township = names.data!.townships[0].name;
    department = names.data!.departments[1].name;
  });
  afterAll(() => server?.close());

  it('reports every bad row by row and column and writes nothing, in a dry run and in a real one', async () => {
    const rows = registryRows(12, township, department);
    rows[2]![1] = rows[2]![1]!.slice(0, 17) + (rows[2]![1]!.endsWith('0') ? '1' : '0'); // wrong check character
    rows[5]![3] = '不存在镇';
    rows[9]![1] = rows[0]![1]!; // the same credit code as row 2
    rows[10]![0] = '';
    const upload = await uploadImport(server.url, admin, await registryXlsx(rows), 'registry.xlsx');
    expect(upload.status).toBe(201);
    expect(upload.body.format).toBe('xlsx');
    const before = await count();
    for (const dry of [true, false]) {
      const report = await server.gql(IMPORT, { id: upload.body.id, dry, acc: true }, admin);
      expect(report.errors).toBeUndefined();
      const { rowCount, created, errors, credentialsUrl } = report.data!.importEnterprises;
      expect({ rowCount, created, credentialsUrl }).toEqual({ rowCount: 12, created: 0, credentialsUrl: null });
      expect(errors.map((e: any) => [e.row, e.column])).toEqual([
        [4, '统一社会信用代码'],
        [7, '乡镇'],
        [11, '统一社会信用代码'],
        [12, '企业名称'],
      ]);
      expect(errors[2].message).toContain('第 2 行');
      expect(await count()).toBe(before);
    }
  });

  it('reads a GB18030 CSV, registers every row with accounts in one go, and hands the credentials out once', async () => {
    const rows = registryRows(30, township, department, 100);
    const upload = await uploadImport(server.url, admin, registryCsvGb18030(rows), 'registry.csv');
    expect(upload.body).toMatchObject({ format: 'csv-gb18030', rowCount: 30 });
    const before = await count();
    const dry = await server.gql(IMPORT, { id: upload.body.id, dry: true, acc: true }, admin);
    expect(dry.data!.importEnterprises).toMatchObject({ created: 0, errors: [] });
    expect(await count()).toBe(before);

    const real = await server.gql(IMPORT, { id: upload.body.id, dry: false, acc: true }, admin);
    expect(real.errors).toBeUndefined();
    expect(real.data!.importEnterprises).toMatchObject({ dryRun: false, rowCount: 30, created: 30, errors: [] });
    expect(await count()).toBe(before + 30);
    const again = await server.gql(IMPORT, { id: upload.body.id, dry: false, acc: true }, admin);
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');

    const url = `${server.url}${real.data!.importEnterprises.credentialsUrl}`;
    const download = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
    expect(download.status).toBe(200);
    const sheet = await readXlsx(await download.arrayBuffer());
    expect(sheet[0]).toEqual(['企业名称', '统一社会信用代码', '用户名', '初始密码']);
    expect(sheet).toHaveLength(31);
    expect(sheet[1]![0]).toBe(rows[0]![0]);
    expect(sheet[1]![2]).toBe('e101');
    expect((await fetch(url, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);

    const [, , username, password] = sheet[1]!;
    const signedIn = await server.gql(
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { mustChangePassword enterprise { name department { name } } } } }`,
      { u: username, p: password },
    );
    expect(signedIn.data!.login.user).toEqual({
      mustChangePassword: true,
      enterprise: { name: rows[0]![0], department: { name: department } },
    });
  });

  it('serves the template with the Chinese headers and an example row that itself imports cleanly', async () => {
    const response = await fetch(`${server.url}/imports/enterprises-template.xlsx`);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await response.arrayBuffer());
    const sheet = await readXlsx(bytes);
    expect(sheet[0]).toEqual(['企业名称', '统一社会信用代码', '行业', '乡镇', '科室', '地址', '联系人', '联系电话']);
    expect(sheet).toHaveLength(2);
    const upload = await uploadImport(server.url, admin, bytes, 'template.xlsx');
    const dry = await server.gql(IMPORT, { id: upload.body.id, dry: true }, admin);
    expect(dry.data!.importEnterprises.errors).toEqual([]);
  });

  it('refuses a file that is neither XLSX nor CSV, one over 5 MiB, and anyone but an admin', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect((await uploadImport(server.url, admin, png, 'x.png')).body).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
    });
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0x41);
    expect((await uploadImport(server.url, admin, big, 'big.csv')).status).toBe(413);
    const chief = await uploadImport(server.url, await server.login('chief1'), registryCsvGb18030([]), 'r.csv');
    expect(chief.status).toBe(403);
  });
});
