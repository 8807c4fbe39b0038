import { defineConfig } from 'vitest/config';

/**
 * Node loads `graphql` through its `main` (CommonJS), as type-graphql, Apollo and graphql-ws do;
 * Vite would pick its `module` build for our sources, and a schema from one copy cannot be
 * validated by the other ("Cannot use GraphQLSchema from another module or realm").
 */
const oneGraphql = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };

export default defineConfig({
  test: {
    projects: [
      './dashboard/vitest.config.ts',
      {
        resolve: oneGraphql,
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: oneGraphql,
        test: {
          name: 'tests',
          root: './tests',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
