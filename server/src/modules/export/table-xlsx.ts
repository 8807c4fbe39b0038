import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportCover } from './cover.js';

export type Cell = string | number | null;

export interface SheetTable {
  name: string;
  columns: ReadonlyArray<{ header: string; width: number }>;
  rows: Iterable<Cell[]>;
  /** Rows to set in bold (e.g. 合计), by index in `rows`. */
  bold?: ReadonlySet<number>;
}

const excelText = (text: string) => text.replace(/&/g, '&&');

/** Report tables (statistics, assessment, quarterly) as XLSX: one header row per sheet, A4 landscape, a 说明 sheet last. */
export async function writeTablesXlsx(out: Writable, cover: ExportCover, tables: SheetTable[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'HazardLoop';
  workbook.created = cover.exportedAt;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: {
        oddHeader: `&C&"-,Bold"&14${excelText(`${cover.bureauName} · ${cover.title}`)}`,
        oddFooter: `&L${excelText(cover.chainLine)}&R第 &P 页 / 共 &N 页`,
      },
    });
    sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    header.commit();
    let i = 0;
    for (const values of table.rows) {
      const row = sheet.addRow(values);
      if (table.bold?.has(i)) row.font = { bold: true };
      row.commit();
      i++;
    }
    sheet.commit();
  }
  const about = workbook.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 90 }];
  for (const line of cover.lines()) about.addRow(line).commit();
  about.commit();
  await workbook.commit();
}
