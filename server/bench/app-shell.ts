import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

/**
 * What a phone downloads once to open the field app with no signal (R17): every file the service worker
 * precaches, as listed in the built sw.js, gzipped one by one as a server would send them. Null when the
 * dashboard is not built.
 */
export function measureAppShell(): { files: number; bytes: number; gzipBytes: number } | null {
  const worker = `${DIST}sw.js`;
  if (!existsSync(worker)) return null;
  const source = readFileSync(worker, 'utf8');
  const urls = [...source.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  // The worker itself and the Workbox runtime it loads.
  const runtime = [...source.matchAll(/\.\/(workbox-[\w-]+)/g)].map((m) => `${m[1]}.js`);
  const files = [...new Set([...urls, ...runtime]), 'sw.js'];
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const body = readFileSync(`${DIST}${file}`);
    bytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { files: files.length, bytes, gzipBytes };
}
