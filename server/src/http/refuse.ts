import type { Request, Response } from 'express';
import { localeFromHeader, renderMessage, type MessageKey, type MessageParams } from '../messages/render.js';

/**
 * A refusal of a plain HTTP route (/uploads, /imports, /snapshots): the same key, params and
 * sentence in the requester's language (Accept-Language) as a GraphQL refusal carries.
 */
export function refuse(
  req: Request,
  res: Response,
  status: number,
  code: string,
  key: MessageKey,
  params: MessageParams = {},
  field?: string,
  extra: Record<string, unknown> = {},
): void {
  const message = renderMessage(localeFromHeader(req.headers['accept-language']), key, params);
  res
    .status(status)
    .json({ code, message, messageKey: key, messageParams: params, ...(field ? { field } : {}), ...extra });
}
