import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps, Viewer } from '../../graphql/context.js';
import { UserError } from '../../graphql/errors.js';
import { bureauDayStart } from '../common/bureau-time.js';
import type { ExportCover } from './cover.js';
import { escapeHtml, renderPdf, tableHtml } from './pdf.js';
import { QUARTERLY_HEADERS, quarterlyRows, type Quarter } from './reports.js';
import type { SheetTable } from './table-xlsx.js';

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** `2017-Q1` → the quarter's first instant to its last, in the bureau's time zone. */
export function parseQuarter(text: string, timeZone: string): Quarter {
  const match = /^(\d{4})-Q([1-4])$/.exec(text);
  if (!match) throw new UserError('BAD_USER_INPUT', 'export.quarterInvalid', {}, { field: 'quarter' });
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const month = (quarter - 1) * 3 + 1;
  const start = `${year}-${String(month).padStart(2, '0')}-01`;
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
  return {
    year,
    quarter,
    label: `${year}年第${QUARTER_NAMES[quarter - 1]}季度`,
    from: bureauDayStart(start, timeZone),
    to: new Date(bureauDayStart(next, timeZone).getTime() - 1),
  };
}

export async function quarterlyTable(
  em: EntityManager,
  deps: AppDeps,
  viewer: Viewer,
  quarter: Quarter,
): Promise<SheetTable> {
  const { rows, total } = await quarterlyRows(em, deps, viewer, quarter);
  return {
    name: '季度统计表',
    columns: QUARTERLY_HEADERS.map((header, i) => ({ header, width: i === 0 ? 30 : 12 })),
    rows: [...rows, total],
    bold: new Set([rows.length]),
  };
}

export function quarterlyPdf(
  chromiumPath: string,
  cover: ExportCover,
  subtitle: string,
  table: SheetTable,
): Promise<Buffer> {
  const rows = [...table.rows].map((row) =>
    row.map((cell, i) => (i === 0 ? escapeHtml(String(cell ?? '')) : escapeHtml(String(cell ?? '')))),
  );
  const widths = QUARTERLY_HEADERS.map((_, i) => (i === 0 ? 20 : 8));
  return renderPdf(chromiumPath, cover, subtitle, tableHtml(QUARTERLY_HEADERS, rows, widths));
}
