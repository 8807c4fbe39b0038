import type { Catalogue, MessageKey, MessageLocale, MessageParams } from './catalogue.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { Catalogue, Message, MessageKey, MessageLocale, MessageParams } from './catalogue.js';

export const CATALOGUES: Readonly<Record<MessageLocale, Catalogue>> = { 'zh-CN': zhCN, en };

/** The bureau's language: stored history texts are written in it. */
export const BUREAU_LOCALE: MessageLocale = 'zh-CN';

/** Parameters holding a code (MAJOR, CLOSED) that the catalogue's `term` section puts in words. */
const TERM_PARAMS = ['grade', 'status', 'who'] as const;

function lookup(catalogue: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

/** The params with codes replaced by words of `locale`; the dashboard does the same before vue-i18n's `t`. */
export function wordParams(locale: MessageLocale, params: MessageParams = {}): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  for (const name of TERM_PARAMS) {
    const code = params[name];
    if (code === undefined) continue;
    const word = lookup(CATALOGUES[locale].term, `${name}.${code}`);
    if (typeof word === 'string') out[name] = word;
  }
  return out;
}

/** The sentence for `key` in `locale`, its `{name}` slots filled; an unknown key comes back as itself. */
export function renderMessage(locale: MessageLocale, key: MessageKey, params: MessageParams = {}): string {
  const template = lookup(CATALOGUES[locale], key);
  if (typeof template !== 'string') return key;
  const words = wordParams(locale, params);
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in words ? String(words[name]) : slot));
}

/** `Accept-Language` → the first language we speak, Chinese when none is named (the bureau's default). */
export function localeFromHeader(header: string | string[] | undefined | null): MessageLocale {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranked = value
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
