import type { ErrorRequestHandler } from 'express';
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
