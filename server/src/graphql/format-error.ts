import type { GraphQLFormattedError } from 'graphql';
import { log } from '../config/log.js';
import { BUREAU_LOCALE, renderMessage } from '../messages/render.js';
import { withoutSuggestions } from './schema-privacy.js';

/** Codes whose message was written for the user; anything else is a fault and is masked in production. */
const SAFE_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PASSWORD_CHANGE_REQUIRED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (SAFE_CODES.has(code))
      return production ? { ...formatted, message: withoutSuggestions(formatted.message) } : formatted;
    log.error(`unexpected error in ${formatted.path?.join('.') ?? 'request'}:`, error);
    if (!production) return formatted;
    return {
      message: renderMessage(BUREAU_LOCALE, 'common.internal'),
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', messageKey: 'common.internal', messageParams: {} },
    };
  };
}
