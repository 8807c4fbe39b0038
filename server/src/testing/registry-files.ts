import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { creditCodeCheckChar } from '../modules/enterprise/credit-code.js';
import { IMPORT_COLUMNS } from '../modules/import/import-columns.js';

/** A valid unified social credit code, different for each n. */
export function creditCode(n: number): string {
  const first17 = `91360481MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17)!;
}

export type RegistryRow = string[];

/** Rows in template order: n enterprises of the given township and department. */
export function registryRows(count: number, township: string, department: string, offset = 0): RegistryRow[] {
  return Array.from({ length: count }, (_, i) => [
    `瑞昌市导入测试${offset + i + 1}号有限公司`,
    creditCode(900_000 + offset + i),
    i % 2 ? '危险化学品' : '其他',
    township,
    department,
    `工业园 ${i + 1} 号`,
    '王五',
    '13900000000',
  ]);
}

export async function registryXlsx(rows: RegistryRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业名录');
  sheet.addRow([...IMPORT_COLUMNS]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV as Excel on Chinese Windows saves it: GB18030, CRLF. */
export function registryCsvGb18030(rows: RegistryRow[]): Buffer {
  const text = [
    IMPORT_COLUMNS.join(','),
    ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')),
  ].join('\r\n');
  return iconv.encode(text, 'gb18030');
}

/** POSTs a file to /imports as the dashboard does. */
export async function uploadImport(url: string, token: string, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(`${url}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Reads the first sheet of an XLSX back into rows of strings. */
export async function readXlsx(bytes: ArrayBuffer | Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
