import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';

/** The dashboard's component and unit tests; the root vitest.config.ts lists this project. */
export default defineProject({
  plugins: [vue()],
  test: {
    name: 'dashboard',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    setupFiles: ['./src/testing/setup.ts'],
  },
});
