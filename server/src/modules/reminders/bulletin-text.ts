import {
  CATALOGUES,
  renderMessage,
  type MessageKey,
  type MessageLocale,
  type MessageParams,
} from '../../messages/render.js';
import { DAY_MS } from '../common/duration.js';

/**
 * A sentence of a bulletin kept as its key and params, so that it reads in the viewer's language;
 * `windowMs` becomes a `{window}` in words, `items` are sentences listed with the language's separator.
 */
export interface BulletinSentence {
  key: MessageKey;
  params?: MessageParams;
  items?: BulletinSentence[];
  /** More items than were quoted: the list ends with "等" / "and more". */
  more?: boolean;
}

/** A window in words: 15天, 12小时 / 15 days, 12 hours. */
export function windowText(locale: MessageLocale, ms: number): string {
  const [n, zh, en] =
    ms % DAY_MS === 0
      ? [ms / DAY_MS, '天', 'day']
      : ms % 3_600_000 === 0
        ? [ms / 3_600_000, '小时', 'hour']
        : ms % 60_000 === 0
          ? [ms / 60_000, '分钟', 'minute']
          : [Math.round(ms / 1000), '秒', 'second'];
  return locale === 'zh-CN' ? `${n}${zh}` : `${n} ${en}${n === 1 ? '' : 's'}`;
}

export function renderSentence(locale: MessageLocale, sentence: BulletinSentence): string {
  const words = CATALOGUES[locale].bulletin;
  const params: Record<string, string | number> = { ...sentence.params };
  if (typeof params['windowMs'] === 'number') params['window'] = windowText(locale, params['windowMs']);
  if (sentence.items)
    params['items'] =
      sentence.items.map((item) => renderSentence(locale, item)).join(words.listSeparator) +
      (sentence.more ? words.more : '');
  return renderMessage(locale, sentence.key, params);
}

/** Several sentences as one reason: 未上报 …；未整改到位 … */
export function renderParts(locale: MessageLocale, parts: readonly BulletinSentence[]): string {
  return parts.map((part) => renderSentence(locale, part)).join(CATALOGUES[locale].bulletin.partSeparator);
}
