import { GraphQLError, type ASTNode, type GraphQLFormattedError } from 'graphql';
import {
  BUREAU_LOCALE,
  renderMessage,
  type MessageKey,
  type MessageLocale,
  type MessageParams,
} from '../../messages/render.js';

/** The refusal codes of api.md; every refusal a client sees carries one. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PASSWORD_CHANGE_REQUIRED';

/**
 * A refusal: `extensions.code`, `extensions.messageKey` (a key of `messages/zh-CN.ts`) and
 * `extensions.messageParams`; the message is the sentence in the requester's language
 * (Accept-Language, see `localizeErrors`), Chinese by default.
 */
export class UserError extends GraphQLError {
  constructor(
    code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly messageParams: MessageParams = {},
    extra: Record<string, unknown> = {},
  ) {
    super(renderMessage(BUREAU_LOCALE, messageKey, messageParams), {
      extensions: { code, ...extra, messageKey, messageParams },
    });
  }
}

export const unauthenticated = (key: MessageKey = 'auth.signInFirst', params?: MessageParams) =>
  new UserError('UNAUTHENTICATED', key, params);

export const forbidden = (key: MessageKey, params?: MessageParams) => new UserError('FORBIDDEN', key, params);

/** `field` names the input field at fault, as api.md promises: `badInput('hazard.deadlineRequired', {}, 'deadline')`. */
export const badInput = (key: MessageKey, params: MessageParams | undefined, field: string) =>
  new UserError('BAD_USER_INPUT', key, params, { field });

export const notFound = (key: MessageKey, params?: MessageParams) => new UserError('NOT_FOUND', key, params);

export const conflict = (key: MessageKey, params?: MessageParams) => new UserError('CONFLICT', key, params);

export const rateLimited = (key: MessageKey, params: MessageParams, retryAfterSeconds: number) =>
  new UserError('RATE_LIMITED', key, params, { retryAfterSeconds });

/** A refusal by a validation rule (too deep, too costly): keyed like the others; Apollo gives it GRAPHQL_VALIDATION_FAILED. */
export function validationRefusal(key: MessageKey, params: MessageParams, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(renderMessage(BUREAU_LOCALE, key, params), {
    nodes,
    extensions: { messageKey: key, messageParams: params },
  });
}

/** Rewrites each keyed error's message in `locale`; errors without a key (GraphQL syntax) pass unchanged. */
export function localizeErrors<E extends GraphQLFormattedError>(errors: readonly E[], locale: MessageLocale): E[] {
  return errors.map((error) => {
    const key = error.extensions?.messageKey;
    if (typeof key !== 'string') return error;
    const params = (error.extensions?.messageParams ?? {}) as MessageParams;
    return { ...error, message: renderMessage(locale, key as MessageKey, params) };
  });
}

export const passwordChangeRequired = () => new UserError('PASSWORD_CHANGE_REQUIRED', 'auth.passwordChangeRequired');

/**
 * A refusal thrown before execution (by an Apollo plugin's `didResolveOperation`): Apollo answers
 * such an error with HTTP 500 unless it carries its status, so it gets the status its code means.
 */
export function beforeExecution(error: GraphQLError): GraphQLError {
  const status = error.extensions.code === 'UNAUTHENTICATED' ? 401 : 403;
  error.extensions.http = { status };
  return error;
}
