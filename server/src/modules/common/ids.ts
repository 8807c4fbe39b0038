import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Refuses an id that cannot be one of ours before it reaches the database. */
export function requireId(field: string, value: string): string {
  if (!isUuid(value)) throw badInput('common.invalidId', { field }, field);
  return value.toLowerCase();
}
