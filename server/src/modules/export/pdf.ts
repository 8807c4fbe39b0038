import { withChromiumPage } from '../snapshot/chromium.js';
import type { ExportCover } from './cover.js';

/** Chinese text in the PDF and its header and footer: Debian's Noto CJK (stack.md: fonts-noto-cjk). */
const FONT = `'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif`;

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A table as the printed page shows it: header row repeated on every page, rows never split. */
export function tableHtml(
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  widths?: readonly number[],
): string {
  const cols = widths ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const head = `<thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  let body = '';
  for (const row of rows) body += `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  return `<table>${cols}${head}<tbody>${body}</tbody></table>`;
}

function pageHtml(cover: ExportCover, subtitle: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(cover.title)}</title>
<style>
  body { font-family: ${FONT}; font-size: 8pt; color: #111; margin: 0; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
  p.sub { text-align: center; margin: 0 0 4mm; color: #333; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  th, td { border: 0.5pt solid #555; padding: 1.2mm 1.4mm; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #e8eef6; font-weight: bold; }
  td.num { text-align: right; }
  a { color: #0b57d0; text-decoration: none; }
</style></head><body>
<h1>${escapeHtml(cover.bureauName)} · ${escapeHtml(cover.title)}</h1>
<p class="sub">${escapeHtml(subtitle)}</p>
${body}
</body></html>`;
}

/**
 * HTML to an A4 landscape PDF in the Chromium the snapshot image uses (one browser at a time): the
 * bureau's title on every page's header, the page number and the audit-chain hash in its footer.
 */
export async function renderPdf(
  chromiumPath: string,
  cover: ExportCover,
  subtitle: string,
  body: string,
  timeoutMs = 120_000,
): Promise<Buffer> {
  const small = `font-family: ${FONT}; font-size: 7pt; color: #444; width: 100%; padding: 0 10mm;`;
  return withChromiumPage(chromiumPath, { viewport: { width: 1123, height: 794 }, timeoutMs }, async (page) => {
    await page.setContent(pageHtml(cover, subtitle, body), { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    return page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      displayHeaderFooter: true,
      margin: { top: '16mm', bottom: '16mm', left: '10mm', right: '10mm' },
      headerTemplate: `<div style="${small} text-align: center;">${escapeHtml(cover.bureauName)} · ${escapeHtml(cover.title)}</div>`,
      footerTemplate: `<div style="${small} display: flex; justify-content: space-between;"><span>${escapeHtml(cover.chainLine)}</span><span>第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</span></div>`,
    });
  });
}
