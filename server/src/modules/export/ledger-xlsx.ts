import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from './labels.js';
import type { LedgerRow } from './ledger.js';
import type { ExportCover } from './cover.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Excel's header/footer codes take `&` as an escape: a bureau's name must not be read as one. */
const excelText = (text: string) => text.replace(/&/g, '&&');

/**
 * The ledger as XLSX through exceljs's streaming WorkbookWriter: each row is committed as it is
 * written, so a 10,000-row ledger goes to `out` with bounded memory. The first sheet is one header
 * row then one row per hazard (api.md); it prints on A4 landscape with the bureau's title in the
 * header and the page number and the audit-chain hash in the footer. A second sheet says what the
 * export is.
 */
export async function writeLedgerXlsx(
  out: Writable,
  cover: ExportCover,
  batches: AsyncIterable<LedgerRow[]>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'HazardLoop';
  workbook.created = cover.exportedAt;
  const sheet = workbook.addWorksheet('隐患台账', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&C&"-,Bold"&14${excelText(`${cover.bureauName} · ${cover.title}`)}`,
      oddFooter: `&L${excelText(cover.chainLine)}&R第 &P 页 / 共 &N 页`,
    },
  });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.commit();
  let count = 0;
  for await (const batch of batches) {
    for (const r of batch) {
      const row = sheet.addRow([
        r.index,
        r.discoveredAt,
        r.title,
        r.location,
        r.grade,
        r.source,
        r.measures,
        r.responsiblePerson,
        r.deadline,
        r.status,
        r.closedAt,
        r.confirmedBy,
        r.photos.map((p) => p.url).join('\n'),
      ]);
      // A cell holds one link: the first photo opens on a click, the others are listed as text beside it.
      const first = r.photos[0];
      if (first) row.getCell(13).value = { text: r.photos.map((p) => p.url).join('\n'), hyperlink: first.url };
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
      count++;
    }
  }
  sheet.commit();
  const about = workbook.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 90 }];
  for (const line of cover.lines(count)) about.addRow(line).commit();
  about.commit();
  await workbook.commit();
  return count;
}
