import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { appShell } from './app-shell.js';

/** In `pnpm dev` the API runs on :4000; Vite proxies it (and its WebSocket) so that no CORS is needed. */
const api = 'http://127.0.0.1:4000';

// GraphiQL and ECharts are not field work: they load from the network when a page that draws them opens.
const shell = appShell(/mount-graphiql|shared\/charts\/echarts/);

export default defineConfig({
  plugins: [
    vue(),
    shell.plugin,
    // R17 (docs/rules.md): an installable app whose shell opens with no signal after one visit.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: '瑞昌市应急管理局 · 隐患排查治理',
        short_name: '掌上好好检查',
        description:
          '安全生产隐患排查治理：现场拍照上报隐患、提交整改、记录检查，无信号时先存在手机上，联网后自动发送。',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f5f7fa',
        theme_color: '#12304f',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html}'],
        // GraphiQL (the analyst page) and ECharts are not field work: they load from the network when opened.
        manifestTransforms: [
          async (entries) => ({ manifest: entries.filter((e) => shell.isShell(e.url)), warnings: [] }),
        ],
        navigateFallback: '/index.html',
        // These are the server's own answers, never the cached shell: the API, photos, snapshot pages and images.
        navigateFallbackDenylist: [/^\/graphql/, /^\/uploads/, /^\/snapshots?\//, /^\/healthz/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
