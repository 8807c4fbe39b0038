import { defineConfig } from 'vitest/config';

/**
 * graphql 16 has no `exports` map: Node (and so type-graphql and Apollo) loads its CommonJS `main`,
 * while Vite would pick the ESM `module` for our sources — two copies, and "another realm" errors.
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
