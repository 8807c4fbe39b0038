import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/src/testing/test-server.js';
import { browserSkipReason, openBrowser, PHONE, screenshot, signIn, startDashboardServer } from './browser.js';

// Run inside the page by page.evaluate; the tests' TypeScript has no DOM library.
declare const navigator: any;
declare const window: any;

const skip = browserSkipReason();
if (skip) console.warn(`browser tests skipped: ${skip}`);

/**
 * The server seen through a pass-through proxy that can "deploy a new version": from then on `/sw.js` differs
 * by a byte, which is what makes a browser install the new worker. Everything else (and the GraphQL socket)
 * passes untouched.
 */
async function deployableProxy(target: string): Promise<{ url: string; deploy(): void; close(): Promise<void> }> {
  const upstream = new URL(target);
  let version = 1;
  const proxy: Server = createServer((req, res) => {
    const headers = { ...req.headers };
    // A conditional request would get 304 for the unchanged file on disk and never see the new version.
    if (req.url?.split('?')[0] === '/sw.js') {
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (answer) => {
        if (version > 1 && req.url?.split('?')[0] === '/sw.js' && answer.statusCode === 200) {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            const body = Buffer.concat([...chunks, Buffer.from(`\n// deployment ${version}\n`)]);
            const headers = { ...answer.headers, 'content-length': String(body.length) };
            delete headers['etag'];
            delete headers['last-modified'];
            res.writeHead(200, headers).end(body);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  proxy.on('upgrade', (req, socket, head) => {
    const out = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      out.write(`${lines.join('\r\n')}\r\n\r\n`);
      out.write(head);
      out.pipe(socket).pipe(out);
    });
    out.on('error', () => socket.destroy());
    socket.on('error', () => out.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deploy: () => void (version += 1),
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describe.skipIf(!!skip)('the field app’s update prompt (R17)', () => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof deployableProxy>>;
  beforeAll(async () => {
    server = await startDashboardServer();
    proxy = await deployableProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('a new deployment waits for the user: the app prompts, and the new worker takes over only on “update”', async () => {
    const phone = await openBrowser(PHONE);
    try {
      const { page } = phone;
      await signIn(page, proxy.url, 'e001', /\/ledger$/);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await page.waitForSelector('[data-outbox-count]');
      const first = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
      expect(first).toBe(`${proxy.url}/sw.js`);
      expect(await page.locator('[data-test="pwa-update-prompt"]').count()).toBe(0);

      // A half-typed filing: the new version must not reload it away by itself.
      await page.goto(`${proxy.url}/hazards/new`);
      await page.fill('input[name="title"]', '更新前正在填写的隐患');
      proxy.deploy();
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r: any) => r.update()));
      await page.waitForSelector('[data-test="pwa-update-prompt"]', { timeout: 30_000 });
      expect(await page.textContent('[data-test="pwa-update-prompt"]')).toContain('新版本');
      // Installed and waiting; the page is still the old worker's, and the form keeps what was typed.
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r: any) => !!r.waiting))).toBe(
        true,
      );
      expect(await page.inputValue('input[name="title"]')).toBe('更新前正在填写的隐患');
      await screenshot(page, 'field-update-prompt-zh-390x844.png');

      // The user says so: the waiting worker takes over and the page reloads under it.
      await page.evaluate(() => (window.__beforeUpdate = true));
      await page.click('[data-test="pwa-update"]');
      await expect
        .poll(() => page.evaluate(() => window.__beforeUpdate === undefined).catch(() => false), { timeout: 30_000 })
        .toBe(true);
      await page.waitForSelector('input[name="title"]');
      const after = await page.evaluate(() =>
        navigator.serviceWorker.getRegistration().then((r: any) => ({
          waiting: !!r.waiting,
          active: r.active?.state ?? null,
          controlled: !!navigator.serviceWorker.controller,
        })),
      );
      expect(after).toEqual({ waiting: false, active: 'activated', controlled: true });
      expect(await page.locator('[data-test="pwa-update-prompt"]').count()).toBe(0);
    } finally {
      await phone.close();
    }
  });
});
