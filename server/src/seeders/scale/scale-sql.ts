import type { DatabaseKind } from '../../config/env.js';

/**
 * The few SQL spellings the scale generator needs that differ between PostgreSQL and SQLite. Dates
 * are computed as epoch milliseconds (SQLite stores them so; PostgreSQL converts at the end).
 */
export interface ScaleSql {
  kind: DatabaseKind;
  /** A deterministic UUID: table prefix (1–ffffffff) and a row number. */
  uid(prefix: number, expr: string): string;
  /** Epoch milliseconds → the column's date value. */
  ts(msExpr: string): string;
  /** A date column → epoch milliseconds. */
  ms(column: string): string;
  /** A boolean literal. */
  bool(value: boolean): string;
  /** The smaller / larger of two values. */
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
  /** A text expression as a value of a native enum type (PostgreSQL) or plain text (SQLite). */
  as(expr: string, enumType: string): string;
  /** A JavaScript value for a date column in a batch insert. */
  date(value: Date): Date | number;
  flag(value: boolean): boolean | number;
}

const MULTIPLIERS = [2654435761, 2246822519, 3266489917, 668265263, 374761393, 1103515245, 1664525, 22695477];
const PRIME = 2147483647;

/**
 * A deterministic pseudo-random integer in [0, 2^31) from a row number and a salt, in plain integer
 * arithmetic both databases share: two rounds of a multiplicative hash modulo a prime.
 */
export function rnd(expr: string, salt: number): string {
  const a = MULTIPLIERS[salt % MULTIPLIERS.length]!;
  const b = MULTIPLIERS[(salt + 3) % MULTIPLIERS.length]!;
  return `(((((${expr}) * ${a} + ${salt * 7919 + 1}) % ${PRIME}) * ${b} + ${salt}) % ${PRIME})`;
}

export function uuidOf(prefix: number, n: number): string {
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function uidHead(prefix: number): string {
  return `'${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-'`;
}

export function scaleSql(kind: DatabaseKind): ScaleSql {
  if (kind === 'postgresql') {
    return {
      kind,
      uid: (prefix, expr) => `(${uidHead(prefix)} || lpad(to_hex(${expr}), 12, '0'))::uuid`,
      ts: (msExpr) => `to_timestamp((${msExpr}) / 1000.0)`,
      ms: (column) => `(extract(epoch from ${column}) * 1000)::bigint`,
      bool: (value) => (value ? 'true' : 'false'),
      least: (a, b) => `least(${a}, ${b})`,
      as: (expr, enumType) => `(${expr})::${enumType}`,
      greatest: (a, b) => `greatest(${a}, ${b})`,
      date: (value) => value,
      flag: (value) => value,
    };
  }
  return {
    kind,
    uid: (prefix, expr) => `(${uidHead(prefix)} || printf('%012x', ${expr}))`,
    ts: (msExpr) => `(${msExpr})`,
    ms: (column) => column,
    bool: (value) => (value ? '1' : '0'),
    least: (a, b) => `min(${a}, ${b})`,
    as: (expr) => expr,
    greatest: (a, b) => `max(${a}, ${b})`,
    date: (value) => value.getTime(),
    flag: (value) => (value ? 1 : 0),
  };
}
