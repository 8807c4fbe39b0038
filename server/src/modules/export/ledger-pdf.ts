import type { ExportCover } from './cover.js';
import { LEDGER_COLUMNS } from './labels.js';
import type { LedgerRow } from './ledger.js';
import { escapeHtml, renderPdf, tableHtml } from './pdf.js';

/** A printed ledger longer than this is a book nobody reads: the PDF asks for a shorter period (the XLSX has no cap). */
export const MAX_PDF_LEDGER_ROWS = 5000;

/** Relative widths (%) of LEDGER_COLUMNS on an A4 landscape page. */
const WIDTHS = [3.5, 8.5, 12, 7, 5.5, 5.5, 13, 6, 8.5, 7, 8.5, 7, 6];

function cells(r: LedgerRow): string[] {
  const photos = r.photos.map((p) => `<a href="${escapeHtml(p.url)}">${escapeHtml(p.label)}</a>`).join('<br>');
  return [
    String(r.index),
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
  ]
    .map(escapeHtml)
    .concat(photos);
}

export async function ledgerPdf(
  chromiumPath: string,
  cover: ExportCover,
  subtitle: string,
  batches: AsyncIterable<LedgerRow[]>,
): Promise<Buffer> {
  const rows: string[][] = [];
  for await (const batch of batches) for (const r of batch) rows.push(cells(r));
  const body =
    rows.length === 0
      ? '<p>本期间没有隐患记录。</p>'
      : tableHtml(
          LEDGER_COLUMNS.map((c) => c.header),
          rows,
          WIDTHS,
        );
  return renderPdf(chromiumPath, cover, subtitle, body);
}
