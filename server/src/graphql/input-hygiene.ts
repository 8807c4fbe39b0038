import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';
import type { MessageKey, MessageParams } from '../messages/render.js';
import { badInput } from './errors.js';

/**
 * The longest string any argument may carry (titles, descriptions, plans, search words, keys):
 * far above what a form sends, and below SQLite's LIKE-pattern ceiling (50,000 bytes) even in
 * three-byte Chinese characters. Narrower limits (a username's 100) live with their field.
 */
export const MAX_STRING_LENGTH = 10_000;

/** Why a string may not be stored or searched for (a refusal's key and params), or null when it may. */
function refusal(value: string, field: string): [MessageKey, MessageParams] | null {
  if (value.includes('\u0000')) return ['common.nulCharacter', { field }];
  if (value.length > MAX_STRING_LENGTH)
    return ['common.stringTooLong', { field, max: MAX_STRING_LENGTH, found: value.length }];
  return null;
}

/** Walks an argument (input objects and lists included) and refuses the first bad string, naming its field. */
function check(value: unknown, field: string): void {
  if (typeof value === 'string') {
    const why = refusal(value, field);
    if (why) throw badInput(why[0], why[1], field);
  } else if (Array.isArray(value)) {
    for (const item of value) check(item, field);
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) check(inner, key);
  }
}

/**
 * One place for what no resolver should ever see: NUL bytes (PostgreSQL refuses them in text, and
 * they cut strings short elsewhere) and strings of megabytes. Every field's arguments pass through
 * here before its resolver runs, over HTTP and the socket alike, and the refusal is
 * BAD_USER_INPUT with the field, never an internal error.
 */
export const inputHygiene: MiddlewareFn<Context> = ({ args }, next) => {
  for (const [name, value] of Object.entries(args)) check(value, name);
  return next();
};
