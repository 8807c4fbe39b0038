import type { GraphQLFormattedError } from 'graphql';
import { log } from '../config/log.js';
import { BUREAU_LOCALE, renderMessage, type MessageKey, type MessageParams } from '../messages/render.js';
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

/**
 * graphql-js words its syntax errors in English ("Syntax Error: Expected Name, found <EOF>."): the
 * two frames it uses most get message keys, so the refusal reads in the caller's language; the token
 * names (`Name`, `<EOF>`, `"}"`) are the grammar's own and stay as they are.
 * (graphql 16 spells its token-limit error "more that"; both spellings are read.)
 */
function syntaxKey(message: string, line: number, column: number): { key: MessageKey; params: MessageParams } {
  const detail = message.replace(/^Syntax Error:\s*/, '');
  const tokens = /^Document contains more tha[nt] (\d+) tokens/.exec(detail);
  if (tokens) return { key: 'common.tooManyTokens', params: { max: Number(tokens[1]) } };
  const expected = /^Expected (.+), found (.+)\.$/.exec(detail);
  if (expected)
    return { key: 'common.syntaxExpected', params: { line, column, expected: expected[1]!, found: expected[2]! } };
  const unexpected = /^Unexpected (.+)\.$/.exec(detail);
  if (unexpected) return { key: 'common.syntaxUnexpected', params: { line, column, found: unexpected[1]! } };
  return { key: 'common.syntaxError', params: { line, column, detail } };
}

function withSyntaxKey(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.messageKey) return formatted;
  const at = formatted.locations?.[0] ?? { line: 1, column: 1 };
  const { key, params } = syntaxKey(formatted.message, at.line, at.column);
  return {
    ...formatted,
    message: renderMessage(BUREAU_LOCALE, key, params),
    extensions: { ...formatted.extensions, messageKey: key, messageParams: params },
  };
}

export function formatError(production: boolean) {
  return (original: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(original.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const formatted = code === 'GRAPHQL_PARSE_FAILED' ? withSyntaxKey(original) : original;
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
