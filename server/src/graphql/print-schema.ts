import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The committed `schema.graphql`: sorted, so that a diff shows what changed and nothing else. */
export function printHazardLoopSchema(schema: GraphQLSchema): string {
  return `# Generated from the type-graphql classes by \`pnpm schema\`. DO NOT EDIT.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
