import type { Page } from 'playwright-core';

/** Words a Chinese page may show in Latin letters: product and format names, units, codes. Nothing else. */
const ALLOWED =
  /\b(HazardLoop|GraphQL|GraphiQL|WebSocket|PDF|XLSX|CSV|Excel|JPEG|PNG|WebP|MB|KB|GB|ID|PWA|TV|URL|OK)\b/g;
/** An English sentence: two or more English words in a row ("Set a rectification deadline", "days over"). */
const ENGLISH = /[A-Za-z]{2,}(?:[ ,.'’:-]+[A-Za-z]{2,})+/g;

/**
 * One English word alone is no sentence, but a button or heading left untranslated often is one:
 * the words of an interface, caught wherever they stand alone.
 */
const UI_WORD =
  /\b(Loading|Submit|Save|Saved|Cancel|Confirm|Delete|Edit|Search|Filter|Export|Import|Print|Close|Closed|Open|Back|Next|Previous|Error|Failed|None|Total|Overdue|Pending|Status|Grade|Deadline|Enterprise|Enterprises|Hazard|Hazards|Inspection|Snapshot|Wallboard|Login|Logout|Password|Username|Yes|No)\b/g;

/** The English in a page's visible text, once the allowed names are taken out; each with its line. */
export function englishIn(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const bare = line.replace(ALLOWED, ' ');
    const sentences = [...bare.matchAll(ENGLISH)].map((m) => m[0]);
    const words = [...bare.replace(ENGLISH, ' ').matchAll(UI_WORD)].map((m) => m[0]);
    return [...sentences, ...words].map((found) => `${found}  ⟵  ${line.trim()}`);
  });
}

/** Waits until the page has its data: no request in flight, and nothing still saying it loads. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page
    .waitForFunction('!/加载中|读取中|Loading/.test(document.body.innerText)', null, { timeout: 5_000 })
    .catch(() => undefined);
}

/** The page's visible text, GraphiQL's query editor aside (a query is code, not a sentence; axe skips it too). */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const hidden = [...document.querySelectorAll('.graphiql-container')];
    for (const el of hidden) el.style.display = 'none';
    const text = document.body.innerText;
    for (const el of hidden) el.style.display = '';
    return text;
  })()`);
}

/**
 * The interface's own words on an English page that are still Chinese: headers, buttons, field names,
 * terms and the menu. A page's data (enterprise names, hazard titles, places) is the bureau's and stays
 * as written; these elements hold none of it.
 */
export function chineseChromeIn(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const chrome = document.querySelectorAll('th, button, legend, dt, .nav a, label > span:first-child, [role="tab"]');
    return [...chrome]
      .filter((el) => el.offsetParent !== null && !el.closest('.graphiql-container'))
      .map((el) => el.innerText.trim())
      .filter((text) => /[\\u4e00-\\u9fff]/.test(text));
  })()`);
}

/** The tallest the closed header of a phone may be: one bar (issue 11 found a 250 px menu). */
export const PHONE_HEADER_MAX = 64;

/**
 * What makes a page hard to use on a 390 px phone, in words: the page scrolling sideways, a header
 * taller than one bar, or a table column squeezed so narrow that its words break every character or two
 * (three lines or more of fewer than four characters each: the enterprise table issue 11 found). A table that scrolls inside its own box, or turns into cards,
 * passes: its cells keep their width.
 */
export function phoneLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    const width = window.innerWidth;
    const wide = document.documentElement.scrollWidth;
    if (wide > width + 1) problems.push('the page scrolls sideways: ' + wide + ' px wide on a ' + width + ' px screen');
    const header = document.querySelector('.shell-header');
    if (header && header.getBoundingClientRect().height > ${PHONE_HEADER_MAX})
      problems.push('the header is ' + Math.round(header.getBoundingClientRect().height) + ' px tall');
    const lines = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    // A header kept for screen readers only (cards on a phone) sits in a 1 px box: not a column anyone sees.
    const seen = (cell) => {
      for (let el = cell; el && el.tagName !== 'BODY'; el = el.parentElement) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return false;
      }
      return true;
    };
    for (const cell of document.querySelectorAll('th, td')) {
      if (getComputedStyle(cell).display !== 'table-cell' || !seen(cell)) continue;
      const text = cell.innerText.replace(/\\s+/g, '');
      if (text.length < 4) continue;
      const n = lines(cell);
      if (n >= 3 && text.length / n < 3.5)
        problems.push('a squeezed column (' + Math.round(cell.getBoundingClientRect().width) + ' px, ' + n + ' lines): ' + text.slice(0, 24));
    }
    return [...new Set(problems)].slice(0, 5);
  })()`);
}

/** The pages a role reaches: its menu, then the first detail page of each list, the admin tabs and the reminder pages. */
export async function pagesOf(page: Page, base: string): Promise<string[]> {
  const hrefs = async (selector: string) =>
    page.$$eval(selector, (links) =>
      links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
    );
  const found = new Set<string>((await hrefs('.nav a')).filter(Boolean) as string[]);
  found.add('/change-password');
  found.add('/outbox');
  const first = async (list: string, selector: string) => {
    if (!found.has(list)) return [];
    await page.goto(`${base}${list}`);
    await settle(page);
    const link = await page.$(selector);
    return link ? [(await link.getAttribute('href'))!] : [];
  };
  for (const detail of await first('/ledger', '[data-test="hazard-row"] a')) found.add(detail);
  if (found.has('/ledger')) for (const self of await hrefs('[data-test="self-inspection"]')) if (self) found.add(self);
  for (const detail of await first('/supervision/hazards', '[data-test="hazard-row"] a')) found.add(detail);
  const enterprise = (await first('/enterprises', '[data-test="enterprise-link"]'))[0];
  if (enterprise) {
    found.add(enterprise);
    await page.goto(`${base}${enterprise}`);
    await settle(page);
    for (const action of await hrefs('[data-test="record-inspection"], [data-test="record-enforcement"]'))
      if (action) found.add(action);
  }
  if (found.has('/admin')) {
    found.delete('/admin');
    await page.goto(`${base}/admin`);
    await settle(page);
    for (const tab of await hrefs('nav[aria-label="admin"] a')) if (tab) found.add(tab);
  }
  if (found.has('/snapshots')) {
    found.add('/reminders/dispatch');
    found.add('/reminders/bulletin');
    for (const shot of await first('/snapshots', '[data-test="snapshot-card"] a')) found.add(shot);
  }
  return [...found];
}
