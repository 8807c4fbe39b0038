import type { ErrorRequestHandler, RequestHandler } from 'express';
import { localeFromHeader, renderMessage, type MessageKey } from '../messages/render.js';

/** body-parser's refusals (by `type`) as the GraphQL answer a client can read: code and a keyed sentence. */
const REFUSALS: Record<string, { code: string; key: MessageKey }> = {
  'entity.parse.failed': { code: 'BAD_REQUEST', key: 'body.notJson' },
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', key: 'body.tooLarge' },
  'charset.unsupported': { code: 'UNSUPPORTED_MEDIA_TYPE', key: 'body.charset' },
  'encoding.unsupported': { code: 'UNSUPPORTED_MEDIA_TYPE', key: 'body.encoding' },
  'request.aborted': { code: 'BAD_REQUEST', key: 'body.aborted' },
  'request.size.invalid': { code: 'BAD_REQUEST', key: 'body.sizeMismatch' },
};

/**
 * Malformed JSON, an oversized body or a foreign charset on /graphql get a GraphQL-shaped JSON
 * error with `extensions.code` (api.md) and `messageKey`, not Express's HTML page.
 */
export const graphqlBodyErrors: ErrorRequestHandler = (error, req, res, next) => {
  const type = (error as { type?: string }).type ?? '';
  const refusal = REFUSALS[type];
  if (!refusal || res.headersSent) return next(error);
  const status = Number((error as { status?: number }).status ?? 400);
  const message = renderMessage(localeFromHeader(req.headers['accept-language']), refusal.key);
  res
    .status(status)
    .json({ errors: [{ message, extensions: { code: refusal.code, messageKey: refusal.key, messageParams: {} } }] });
};

/**
 * JSON is UTF-8 (RFC 8259, api.md): body-parser would also decode UTF-16 and UTF-32, so any other
 * declared charset is refused here as body-parser refuses latin1 (415 UNSUPPORTED_MEDIA_TYPE).
 */
export const utf8Only: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
  next(Object.assign(new Error(`unsupported charset "${charset}"`), { type: 'charset.unsupported', status: 415 }));
};
