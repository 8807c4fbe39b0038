import type { zhCN } from './zh-CN.js';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language's catalogue has: that of the Chinese one, with its own sentences. */
export type Catalogue = Widen<typeof zhCN>;

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A sentence's key, e.g. `'hazard.deadlineRequired'`; type-checked against the Chinese catalogue. */
export type MessageKey = Exclude<Paths<typeof zhCN>, `term.${string}`>;

/** What fills a sentence's `{name}` slots; `grade`, `status` and `who` hold codes that `term` words. */
export type MessageParams = Readonly<Record<string, string | number>>;

export type MessageLocale = 'zh-CN' | 'en';

/** A sentence not yet put in words: its key and params (a rule's "why not", rendered where it is shown). */
export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}
