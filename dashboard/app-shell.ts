import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The field app's budget (R17, docs/rules.md): what a phone downloads once to open with no signal. */
export const APP_SHELL_BUDGET_BYTES = 500 * 1024;

interface ShellReport {
  files: string[];
  bytes: number;
  gzipBytes: number;
  budgetGzipBytes: number;
}

/**
 * Works out the app shell from the bundle graph: everything the entry reaches through static and dynamic
 * imports, except what only the GraphiQL page (a lazy module named `excludedFacade`) pulls in. The service
 * worker precaches exactly these files; `dist/app-shell.json` reports their gzipped size, and the build
 * fails when it passes the budget.
 */
export function appShell(excludedFacade = /mount-graphiql/): { plugin: Plugin; isShell(url: string): boolean } {
  let outside = new Set<string>();
  const plugin: Plugin = {
    name: 'hazardloop-app-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [o] : []));
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const reached = new Set<string>();
      const walk = (fileName: string) => {
        const chunk = byName.get(fileName);
        if (!chunk || reached.has(fileName)) return;
        if (chunk.facadeModuleId && excludedFacade.test(chunk.facadeModuleId)) return;
        reached.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) reached.add(css);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) reached.add(asset);
        [...chunk.imports, ...chunk.dynamicImports].forEach(walk);
      };
      chunks.filter((c) => c.isEntry).forEach((c) => walk(c.fileName));
      const generated = Object.values(bundle).filter((o) => o.type === 'chunk' || o.fileName.endsWith('.css'));
      outside = new Set(generated.map((o) => o.fileName).filter((f) => !reached.has(f)));

      const shell = Object.values(bundle).filter((o) => !outside.has(o.fileName) && !o.fileName.endsWith('.map'));
      let bytes = 0;
      let gzipBytes = 0;
      for (const o of shell) {
        const body = o.type === 'chunk' ? o.code : o.source;
        bytes += Buffer.byteLength(body);
        gzipBytes += gzipSync(body).length;
      }
      const report: ShellReport = {
        files: shell.map((o) => o.fileName).sort(),
        bytes,
        gzipBytes,
        budgetGzipBytes: APP_SHELL_BUDGET_BYTES,
      };
      this.emitFile({ type: 'asset', fileName: 'app-shell.json', source: JSON.stringify(report, null, 2) });
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      this.info(
        `app shell: ${shell.length} files, ${kb(bytes)}, ${kb(gzipBytes)} gzipped (budget ${kb(APP_SHELL_BUDGET_BYTES)})`,
      );
      if (gzipBytes > APP_SHELL_BUDGET_BYTES)
        this.error(`The app shell is ${kb(gzipBytes)} gzipped, over its ${kb(APP_SHELL_BUDGET_BYTES)} budget.`);
    },
  };
  return { plugin, isShell: (url) => !outside.has(url.replace(/^\//, '')) };
}
