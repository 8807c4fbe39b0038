import { createI18n } from 'vue-i18n';
import { en as serverEn } from '../../../server/src/messages/en.js';
import { zhCN as serverZhCN } from '../../../server/src/messages/zh-CN.js';
import { en } from './en.js';
import { zhCN, type Messages } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const KEY = 'hazardloop.locale';

function storedLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

/** Chinese first; the choice is kept across reloads. */
export function createAppI18n(locale: Locale = storedLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    // `server.*`: the server's one catalogue per language, for refusals rendered from their key (shared/refusal.ts).
    messages: {
      'zh-CN': { ...zhCN, server: serverZhCN },
      en: { ...en, server: serverEn },
    } satisfies Record<Locale, Messages & { server: object }>,
  });
}

/** Remembers the chosen language and tells the browser (fonts, screen readers). */
export function persistLocale(locale: Locale): void {
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
}
