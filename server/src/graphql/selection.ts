import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * The names of the fields the query selects under `path` of this resolver's result (fragments,
 * aliases and every concrete type merged), so that a resolver computes only what is read, as a page
 * counts only when `totalCount` is read (issue 16).
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const root = parseResolveInfo(info, { deep: true }) as ResolveTree | null;
  let level: ResolveTree[] = root ? [root] : [];
  for (const step of path) level = children(level).filter((tree) => tree.name === step);
  return new Set(children(level).map((tree) => tree.name));
}

function children(trees: readonly ResolveTree[]): ResolveTree[] {
  return trees.flatMap((tree) => Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields)));
}
