import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { MessageKey, MessageParams } from '../../messages/render.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type ImportRow } from './import-columns.js';

/** A file the import cannot read: a refusal's key and params, the status of the answer. */
export class ImportFileError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly messageParams: MessageParams = {},
    readonly status = 400,
  ) {
    super(messageKey);
  }
}

export type ImportFormat = 'xlsx' | 'csv-utf8' | 'csv-gb18030';

/** What the bytes are: an XLSX is a zip (PK\x03\x04); otherwise text, UTF-8 when it decodes as such, else GB18030. */
export function recogniseFormat(bytes: Buffer): ImportFormat {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (bytes.includes(0)) throw new ImportFileError('import.notXlsxOrCsv');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'csv-utf8';
  } catch {
    return 'csv-gb18030';
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function xlsxTable(bytes: Buffer): Promise<Array<{ row: number; cells: string[] }>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('import.xlsxUnreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('import.noSheet');
  const table: Array<{ row: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    table.push({ row: rowNumber, cells });
  });
  return table;
}

function csvTable(bytes: Buffer, format: ImportFormat): Array<{ row: number; cells: string[] }> {
  const text = format === 'csv-utf8' ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    throw new ImportFileError('import.csvUnreadable', { problem: (error as Error).message });
  }
  return records.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c !== ''));
}

/** Reads an uploaded registry file into rows in template column order; refuses a file without the required headers. */
export async function readImportFile(bytes: Buffer): Promise<{ format: ImportFormat; rows: ImportRow[] }> {
  const format = recogniseFormat(bytes);
  const table = format === 'xlsx' ? await xlsxTable(bytes) : csvTable(bytes, format);
  const header = table[0];
  if (!header) throw new ImportFileError('import.emptyFile');
  const index = IMPORT_COLUMNS.map((name) => header.cells.findIndex((c) => c.replace(/\s+/g, '') === name));
  const missing = REQUIRED_COLUMNS.filter((name) => index[IMPORT_COLUMNS.indexOf(name)]! < 0);
  if (missing.length > 0) throw new ImportFileError('import.missingHeaders', { headers: missing.join('、') });
  const rows = table
    .slice(1)
    .map(({ row, cells }) => ({ row, cells: index.map((i) => (i < 0 ? '' : (cells[i] ?? ''))) }));
  const data = rows.filter((r) => r.cells.some((c) => c !== ''));
  if (data.length > MAX_IMPORT_ROWS) throw new ImportFileError('import.tooManyRows', { max: MAX_IMPORT_ROWS });
  return { format, rows: data };
}
