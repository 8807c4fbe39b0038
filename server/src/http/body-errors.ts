import type { ErrorRequestHandler } from 'express';

/** body-parser's refusals (by `type`) as the GraphQL answer a client can read: status, code and a sentence. */
const REFUSALS: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'BAD_REQUEST', message: '请求体不是合法的 JSON。' },
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', message: '请求体太大：一次请求最多 1 MB。' },
  'charset.unsupported': { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只接受 UTF-8 编码的 JSON。' },
  'encoding.unsupported': { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持这种内容编码（Content-Encoding）。' },
  'request.aborted': { code: 'BAD_REQUEST', message: '请求在发送完之前中断了。' },
  'request.size.invalid': { code: 'BAD_REQUEST', message: '请求体的长度与 Content-Length 不符。' },
};

/**
 * Malformed JSON, an oversized body or a foreign charset on /graphql get a GraphQL-shaped JSON
 * error with `extensions.code` (api.md), not Express's HTML page.
 */
export const graphqlBodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: string }).type ?? '';
  const refusal = REFUSALS[type];
  if (!refusal || res.headersSent) return next(error);
  const status = Number((error as { status?: number }).status ?? 400);
  res.status(status).json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
};
