import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { INDUSTRY_NAMES_ZH } from '../enterprise/industry.js';
import { CREDENTIAL_COLUMNS, IMPORT_COLUMNS } from './import-columns.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function styleHeader(sheet: ExcelJS.Worksheet, widths: number[]): void {
  sheet.columns = widths.map((width) => ({ width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The registry template: the Chinese headers, one example row, and a sheet explaining each column. */
export async function templateWorkbook(example: { township: string; department: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'HazardLoop';
  const sheet = workbook.addWorksheet('企业名录');
  sheet.addRow([...IMPORT_COLUMNS]);
  sheet.addRow([
    '瑞昌市示例化工有限公司',
    '91360481MA357T4L0F',
    INDUSTRY_NAMES_ZH.HAZARDOUS_CHEMICALS,
    example.township,
    example.department,
    '瑞昌市码头镇工业园 8 号',
    '张三',
    '13807920000',
  ]);
  styleHeader(sheet, [30, 24, 12, 12, 28, 30, 10, 16]);
  const notes = workbook.addWorksheet('填写说明');
  notes.addRow(['列', '是否必填', '说明']);
  const rows: Array<[string, string, string]> = [
    ['企业名称', '必填', '营业执照上的全称'],
    ['统一社会信用代码', '必填', '18 位，末位校验码须正确（GB 32100）；同一代码只能登记一次'],
    ['行业', '必填', Object.values(INDUSTRY_NAMES_ZH).join('、') + ' 之一'],
    ['乡镇', '必填', '系统中已有的乡镇名称'],
    ['科室', '必填', '系统中已有的科室名称，该科室负责监管这家企业'],
    ['地址', '选填', ''],
    ['联系人', '选填', ''],
    ['联系电话', '选填', ''],
  ];
  for (const row of rows) notes.addRow(row);
  styleHeader(notes, [18, 10, 60]);
  sheet.getRow(2).getCell(2).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The credentials sheet handed out once after an import that opened accounts (api.md's columns). */
export async function credentialsWorkbook(
  rows: Array<{ name: string; creditCode: string; username: string; password: string }>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'HazardLoop';
  const sheet = workbook.addWorksheet('初始账号');
  sheet.addRow([...CREDENTIAL_COLUMNS]);
  for (const r of rows) sheet.addRow([r.name, r.creditCode, r.username, r.password]);
  styleHeader(sheet, [30, 24, 12, 20]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** AES-256-GCM under a fresh key: the stored text is iv.tag.ciphertext; the key goes only into the one link. */
export function sealCredentials(sheet: Buffer): { sealed: string; key: string } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(sheet), cipher.final()]);
  const sealed = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
  return { sealed, key: key.toString('base64url') };
}

/** The sheet back, or null when the key does not open it. */
export function openCredentials(sealed: string, key: string): Buffer | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]);
  } catch {
    return null;
  }
}
