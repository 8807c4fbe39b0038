import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastAuditLink } from '../audit/audit.service.js';
import { User } from '../auth/user.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardGrade, HazardSource, HazardStatus } from '../hazard/hazard.enums.js';
import { enterpriseId, fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { LEDGER_COLUMNS, XLSX_TYPE } from './labels.js';
import { MAX_PDF_LEDGER_ROWS } from './ledger-pdf.js';

const dialects = await testDialects();
const run = promisify(execFile);

/** The text of a PDF as poppler reads it: what a reader of the printed page sees. */
async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hl-pdf-'));
  try {
    await writeFile(join(dir, 'x.pdf'), pdf);
    return (await run('pdftotext', ['-layout', join(dir, 'x.pdf'), '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const cellText = (value: ExcelJS.CellValue): string =>
  value && typeof value === 'object' && 'text' in value ? String(value.text) : String(value ?? '');

describe.each(dialects)('exports of ledgers and reports, on %s', (dialect) => {
  let server: TestServer;
  let e001: string;
  let from: string;
  let to: string;
  let photoHazard: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    e001 = await enterpriseId(server, 'e001');
    const now = server.app.deps.clock.now().getTime();
    from = new Date(now - 30 * 86_400_000).toISOString();
    to = new Date(now + 60_000).toISOString();
    // One hazard of the period with a photo, so that the ledger's link column has something to link.
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'before.png');
    const uploaded = await fetch(`${server.url}/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await server.login('e001')}` },
    });
    const { id } = (await uploaded.json()) as { id: string };
    photoHazard = (await fileWithPlan(server, 'e001', { grade: 'THIRD', title: '配电室门未关', photoIds: [id] })).id;
  }, 120_000);
  afterAll(() => server?.close());

  const get = async (path: string, user: string | null) =>
    fetch(`${server.url}${path}`, { headers: user ? { authorization: `Bearer ${await server.login(user)}` } : {} });
  const workbook = async (response: Response) => {
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toContain(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    return book;
  };
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
    return rows;
  };
  const query = () => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  it('gives e001 exactly its own hazards of the period, one row each under Chinese headers', async () => {
    const em = server.app.orm.em.fork();
    const expected = await em.find(
      Hazard,
      { enterprise: e001, discoveredAt: { $gte: new Date(from), $lte: new Date(to) } },
      { orderBy: { discoveredAt: 'asc', id: 'asc' } },
    );
    const older = await em.count(Hazard, { enterprise: e001, discoveredAt: { $lt: new Date(from) } });
    expect(expected.length).toBeGreaterThan(1);
    expect(older, 'the period must leave some of e001’s hazards out').toBeGreaterThan(0);

    const book = await workbook(await get(`/exports/ledger/${e001}.xlsx?${query()}`, 'e001'));
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('隐患台账');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.headerFooter.oddHeader).toContain('瑞昌市应急管理局');
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(expected.length + 1);
    expect(rows.slice(1).map((r) => r[2])).toEqual(expected.map((h) => h.title));
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(expected.map((_, i) => i + 1));
    // Times in the bureau's zone, to the minute.
    const first = expected[0]!.discoveredAt;
    const shanghai = new Date(first.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(rows[1]![1]).toBe(shanghai);

    const withPhoto = expected.findIndex((h) => h.id === photoHazard);
    const photoCell = sheet.getRow(withPhoto + 2).getCell(13).value as { hyperlink: string };
    expect(photoCell.hyperlink).toMatch(new RegExp(`^${server.url}/uploads/[0-9a-f-]{36}\\?token=`));
    expect((await fetch(photoCell.hyperlink)).status).toBe(200);

    const about = rowsOf(book.getWorksheet('说明')!);
    const head = await lastAuditLink(em);
    expect(about.find((r) => r[0] === '审计链')![1]).toContain(head!.hash);
    expect(about.find((r) => r[0] === '行数')![1]).toBe(String(expected.length));
  });

  it('refuses e021 and chief2 e001’s ledger, and anyone unsigned or asking nonsense', async () => {
    for (const user of ['e021', 'chief2']) {
      const refused = await get(`/exports/ledger/${e001}.xlsx?${query()}`, user);
      expect(refused.status, user).toBe(403);
      const body = (await refused.json()) as { code: string; message: string };
      expect(body.code).toBe('FORBIDDEN');
      expect(body.message).toMatch(/台账/);
    }
    expect((await get(`/exports/ledger/${e001}.pdf?${query()}`, 'e021')).status).toBe(403);
    const unsigned = await get(`/exports/ledger/${e001}.xlsx`, null);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    const badDate = await get(`/exports/ledger/${e001}.xlsx?from=yesterday`, 'chief1');
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect((await get(`/exports/ledger/not-an-id.xlsx`, 'director')).status).toBe(403);
    const rowsFor = async (user: string) =>
      rowsOf((await workbook(await get(`/exports/ledger/${e001}.xlsx?${query()}`, user))).worksheets[0]!).length;
    expect(await rowsFor('chief1')).toBe(await rowsFor('director'));
    const enterpriseReports = await get(`/exports/stats.xlsx?by=GRADE&${query()}`, 'e001');
    expect(enterpriseReports.status).toBe(403);
    const badBy = await get(`/exports/stats.xlsx?by=COLOUR&${query()}`, 'analyst');
    expect(await badBy.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'by' });
    // The dashboard shows its export and scheme buttons from these answers, never from a role list.
    const can = async (user: string) =>
      (await server.gql('{ me { can { exportReports manageAssessment } } }', {}, await server.login(user))).data!.me
        .can;
    expect(await can('e001')).toEqual({ exportReports: false, manageAssessment: false });
    expect(await can('analyst')).toEqual({ exportReports: true, manageAssessment: false });
    expect(await can('director')).toEqual({ exportReports: true, manageAssessment: true });
  });

  it('prints the ledger as a PDF with the bureau’s title, page numbers and the chain’s hash', async () => {
    const response = await get(`/exports/ledger/${e001}.pdf?${query()}`, 'chief1');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    // EXPORT_SAMPLES=<dir> keeps the file, to look at a printed page (pdftoppm -png -r 60).
    if (process.env.EXPORT_SAMPLES) await writeFile(join(process.env.EXPORT_SAMPLES, `ledger-${dialect}.pdf`), pdf);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(pdf);
    expect(text).toContain('瑞昌市应急管理局');
    expect(text).toContain('隐患排查治理台账');
    expect(text).toContain('配电室门未关');
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    const head = await lastAuditLink(server.app.orm.em.fork());
    expect(text.replace(/\s+/g, '')).toContain(head!.hash);
  }, 120_000);

  it('prints no ledger longer than the PDF’s cap, and says to shorten the period or take the XLSX', async () => {
    const em = server.app.orm.em.fork();
    const enterprise = await em.findOneOrFail(Enterprise, { code: 'e003' });
    const filer = await em.findOneOrFail(User, { username: 'e003' });
    const start = server.app.deps.clock.now().getTime() - 900 * 86_400_000;
    for (let n = 0; n <= MAX_PDF_LEDGER_ROWS; n++) {
      const discoveredAt = new Date(start + n * 60_000);
      em.create(Hazard, {
        enterprise,
        filedBy: filer,
        title: `旧台账隐患 ${n + 1}`,
        grade: HazardGrade.THIRD,
        status: HazardStatus.CLOSED,
        source: HazardSource.SELF_INSPECTION,
        rectifiedOnSpot: true,
        backfilled: false,
        submittedLate: false,
        discoveredAt,
        filedAt: discoveredAt,
        closedAt: discoveredAt,
      });
    }
    await em.flush();
    const span = `from=${encodeURIComponent(new Date(start).toISOString())}&to=${encodeURIComponent(new Date(start + MAX_PDF_LEDGER_ROWS * 60_000).toISOString())}`;
    const refused = await get(`/exports/ledger/${enterprise.id}.pdf?${span}`, 'director');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { code: string; field: string; message: string };
    expect(body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(body.message).toContain(`${MAX_PDF_LEDGER_ROWS + 1} 条隐患`);
    expect(body.message).toContain('XLSX');
    const book = await workbook(await get(`/exports/ledger/${enterprise.id}.xlsx?${span}`, 'director'));
    expect(book.worksheets[0]!.actualRowCount).toBe(1 + MAX_PDF_LEDGER_ROWS + 1);
  }, 120_000);

  it('exports statsBy with its whole, and the assessment ranking with every lost point explained', async () => {
    const stats = (
      await server.gql(
        `query($from: DateTime!, $to: DateTime!) { stats(from: $from, to: $to) { hazardsFound closed } }`,
        { from, to },
        await server.login('analyst'),
      )
    ).data!.stats;
    const rows = rowsOf(
      (await workbook(await get(`/exports/stats.xlsx?by=DEPARTMENT&${query()}`, 'analyst'))).worksheets[0]!,
    );
    expect(rows[0]![0]).toBe('科室');
    const found = rows[0]!.indexOf('发现隐患');
    expect(rows).toHaveLength(1 + 5 + 1);
    expect(rows.at(-1)![0]).toBe('合计');
    expect(Number(rows.at(-1)![found])).toBe(stats.hazardsFound);
    expect(rows.slice(1, -1).reduce((n, r) => n + Number(r[found]), 0)).toBe(stats.hazardsFound);
    const mine = rowsOf(
      (await workbook(await get(`/exports/stats.xlsx?by=DEPARTMENT&${query()}`, 'chief1'))).worksheets[0]!,
    );
    expect(mine).toHaveLength(1 + 1 + 1);

    const book = await workbook(await get(`/exports/assessment.xlsx?kind=ENTERPRISE&${query()}`, 'director'));
    const ranking = rowsOf(book.getWorksheet('考核排名')!);
    expect(ranking[0]!.slice(0, 3)).toEqual(['名次', '考核对象', '得分']);
    expect(ranking).toHaveLength(1 + 100);
    for (const r of ranking.slice(1)) {
      const items = r.slice(3).reduce((n, v) => n + Number(v), 0);
      expect(Number(r[2])).toBeCloseTo(items, 6);
    }
    const detail = rowsOf(book.getWorksheet('扣分说明')!);
    for (const r of detail.slice(1)) if (Number(r[4]) < Number(r[5])) expect(r[6]).toMatch(/扣/);
  });

  it('gives the quarterly statistics table as XLSX and PDF, its total that of `stats`', async () => {
    const now = server.app.deps.clock.now();
    const shanghai = new Date(now.getTime() + 8 * 3_600_000);
    const quarter = `${shanghai.getUTCFullYear()}-Q${Math.floor(shanghai.getUTCMonth() / 3) + 1}`;
    const rows = rowsOf((await workbook(await get(`/exports/quarterly/${quarter}.xlsx`, 'director'))).worksheets[0]!);
    expect(rows[0]).toEqual([
      '科室',
      '监管企业',
      '检查次数',
      '发现隐患',
      '重大隐患',
      '二级隐患',
      '三级隐患',
      '本季销号',
      '重大隐患本季销号',
      '超期未整改',
      '行政处罚',
    ]);
    expect(rows).toHaveLength(1 + 5 + 1);
    const total = rows.at(-1)!;
    expect(total[0]).toBe('合计');
    expect(Number(total[1])).toBe(100);
    expect(Number(total[3])).toBe(Number(total[4]) + Number(total[5]) + Number(total[6]));
    for (const column of [1, 2, 3, 4, 7, 10])
      expect(
        rows.slice(1, -1).reduce((n, r) => n + Number(r[column]), 0),
        rows[0]![column],
      ).toBe(Number(total[column]));
    const pdf = await get(`/exports/quarterly/${quarter}.pdf`, 'director');
    expect(pdf.status).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('季度隐患排查治理统计表');
    expect(text).toContain('合计');
    expect((await get(`/exports/quarterly/2017-Q5.xlsx`, 'director')).status).toBe(400);
  }, 120_000);
});
