import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { badInput } from './errors.js';

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface SortKey<T> {
  field: keyof T & string;
  direction: 'asc' | 'desc';
  type: 'date' | 'string';
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when read: a page whose query does not select `totalCount` never counts the whole set (issue 16). */
  readonly totalCount: number | Promise<number>;
}

/** Keyset pagination over (sort field, id): stable under inserts, one statement whatever the page size (two with totalCount). */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: PageArgs,
  sort: SortKey<T>,
): Promise<Page<T>> {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput('common.pageSize', { max: MAX_PAGE }, 'first');
  }
  const conditions: FilterQuery<T>[] = [where];
  if (args.after) conditions.push(afterCursor(args.after, sort));
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: [{ [sort.field]: sort.direction }, { id: sort.direction }] as never,
    limit: first + 1,
  });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node, sort), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    // GraphQL reads the field only when the query selects it.
    get totalCount() {
      return (counted ??= em.count(entity, where));
    },
  };
}

function encodeCursor<T extends { id: string }>(node: T, sort: SortKey<T>): string {
  const value = node[sort.field] as unknown;
  const key = value instanceof Date ? value.toISOString() : String(value);
  return Buffer.from(JSON.stringify([key, node.id])).toString('base64url');
}

function afterCursor<T>(cursor: string, sort: SortKey<T>): FilterQuery<T> {
  let key: unknown;
  let id: unknown;
  try {
    [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
  } catch {
    throw badInput('common.badCursor', {}, 'after');
  }
  if (typeof key !== 'string' || typeof id !== 'string') {
    throw badInput('common.badCursor', {}, 'after');
  }
  const value = sort.type === 'date' ? new Date(key) : key;
  const op = sort.direction === 'asc' ? '$gt' : '$lt';
  return { $or: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, id: { [op]: id } }] } as FilterQuery<T>;
}
