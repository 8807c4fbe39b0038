import type { ExportCover } from './cover.js';
import { LEDGER_COLUMNS } from './labels.js';
import type { LedgerRow } from './ledger.js';
import { escapeHtml, renderPdf, tableHtml } from './pdf.js';

/**
 * A printed ledger longer than this (some 65 pages, years of a large enterprise) is a book nobody
 * reads, and Chromium prints a table row in some 2 ms of CPU whatever the markup or the cutting
 * (bench/ledger-export.ts): the PDF asks for a shorter period instead; the XLSX has no cap.
 */
export const MAX_PDF_LEDGER_ROWS = 1000;

/** Relative widths (%) of LEDGER_COLUMNS on an A4 landscape page: a time (`2026-11-11 09:20`) on one line. */
const WIDTHS = [3.5, 10, 12.5, 6.5, 5.5, 5.5, 12.5, 5.5, 10, 7, 10, 6, 5.5];

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
