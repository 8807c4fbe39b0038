import type { GraphQLFormattedError } from 'graphql';
import { log } from '../config/log.js';
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
      message: 'Something went wrong on the server. It has been logged; try again, or tell the administrator.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
