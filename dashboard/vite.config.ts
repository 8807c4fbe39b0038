import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** In `pnpm dev` the API runs on :4000; Vite proxies it (and its WebSocket) so that no CORS is needed. */
const api = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [vue()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: api, ws: true },
      '/uploads': api,
      '/healthz': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL (React + CodeMirror, ~300 kB gzipped) is one lazy chunk that only the analyst page loads.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries' "use client" directives mean nothing outside React Server Components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
