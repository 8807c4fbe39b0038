import { GraphQLError } from 'graphql';

/** The refusal codes of api.md; every refusal a client sees carries one. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PASSWORD_CHANGE_REQUIRED';

export class UserError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Please sign in first; this needs a valid session token.') =>
  new UserError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new UserError('FORBIDDEN', message);

/** `field` names the input field at fault, as api.md promises. */
export const badInput = (field: string, message: string) => new UserError('BAD_USER_INPUT', message, { field });

export const notFound = (message: string) => new UserError('NOT_FOUND', message);

export const conflict = (message: string) => new UserError('CONFLICT', message);

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new UserError('RATE_LIMITED', message, { retryAfterSeconds });

export const passwordChangeRequired = () =>
  new UserError('PASSWORD_CHANGE_REQUIRED', '请先修改密码：这是一次性密码（或初始密码），修改后才能继续使用系统。');
