import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { FakeRenderer } from '../../testing/fake-renderer.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { isWeComRobot, redactUrl } from './redact.js';
import { fitMarkdown, WECOM_MARKDOWN_MAX_BYTES } from './wecom.js';

const dialects = await testDialects();
const ROBOT_KEY = 'robot-secret-key-1234';

interface Received {
  path: string;
  at: number;
  body: any;
}

/** A local HTTP sink: /flaky fails twice then accepts, /down always fails, the WeCom path answers like the robot. */
async function startSink(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let flaky = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req));
    const path = req.url ?? '';
    received.push({ path, at: Date.now(), body });
    if (path.startsWith('/flaky') && ++flaky <= 2) return void res.writeHead(503).end('busy');
    if (path.startsWith('/down')) return void res.writeHead(500).end('down');
    if (path.startsWith('/cgi-bin/webhook/send'))
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('webhook helpers', () => {
  it('hides the robot key and recognises the WeCom robot path', () => {
    expect(redactUrl(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_KEY}`)).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***',
    );
    expect(redactUrl('https://user:pw@hooks.example.org/x')).toBe('https://hooks.example.org/x');
    expect(isWeComRobot('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1')).toBe(true);
    expect(isWeComRobot('https://hooks.example.org/snapshots')).toBe(false);
  });

  it('keeps a markdown message within 4096 bytes without cutting a line', () => {
    const long = Array.from({ length: 400 }, (_, i) => `- 瑞昌市某某化工有限公司 第${i}行`).join('\n');
    const fitted = fitMarkdown(long);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(fitted).toContain('未列出');
  });
});

describe.each(dialects)('delivering the snapshot to webhooks, on %s', (dialect) => {
  let server: TestServer;
  let sink: Awaited<ReturnType<typeof startSink>>;
  const errors = vi.spyOn(console, 'error');

  beforeAll(async () => {
    sink = await startSink();
    server = await startTestServer({
      dialect,
      clock: new ManualClock('2026-11-29T08:00:00+08:00'),
      renderer: new FakeRenderer(),
      env: {
        WEBHOOK_URLS: [
          `${sink.url}/flaky`,
          `${sink.url}/cgi-bin/webhook/send?key=${ROBOT_KEY}`,
          `${sink.url}/down`,
        ].join(','),
        WEBHOOK_BACKOFF: '0.05s',
        WEBHOOK_ATTEMPTS: '3',
        PUBLIC_URL: 'https://hazards.example.gov.cn',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  it('posts JSON, the WeCom markdown and image, retrying a flaky hook, never blocking the snapshot', async () => {
    const taken = await server.gql(
      `mutation { takeSnapshot { date imageStatus imageUrl } }`,
      {},
      await server.login('director'),
    );
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.takeSnapshot.imageUrl).toMatch(
      /^https:\/\/hazards\.example\.gov\.cn\/snapshots\/2026-11-29\.png\?token=/,
    );
    await server.app.deps.reminders.delivery.settled();

    const flaky = sink.received.filter((r) => r.path === '/flaky');
    expect(flaky).toHaveLength(3);
    expect(flaky[2]!.body).toMatchObject({
      type: 'hazardloop.snapshot',
      date: '2026-11-29',
      wallboard: { enterpriseCount: 100 },
    });
    expect(flaky[2]!.body.displays.noLogin.map((e: any) => e.code)).toEqual(expect.arrayContaining(['e007', 'e033']));

    const robot = sink.received.filter((r) => r.path.startsWith('/cgi-bin/webhook/send'));
    expect(robot.map((r) => r.body.msgtype)).toEqual(['markdown', 'image']);
    expect(Buffer.byteLength(robot[0]!.body.markdown.content)).toBeLessThanOrEqual(4096);
    expect(robot[0]!.body.markdown.content).toContain('15天未登录');
    const image = Buffer.from(robot[1]!.body.image.base64, 'base64');
    expect(image.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(robot[1]!.body.image.md5).toBe(createHash('md5').update(image).digest('hex'));

    expect(sink.received.filter((r) => r.path === '/down')).toHaveLength(3);
  });

  it('logs every message with its fate and the URL redacted, and never writes the robot key to the log', async () => {
    const result = await server.gql(
      `{ deliveries(first: 20) { totalCount edges { node { subject subjectKey target format status attempts httpStatus lastError } } } }`,
      {},
      await server.login('analyst'),
    );
    expect(result.errors).toBeUndefined();
    const rows = result.data!.deliveries.edges.map((e: any) => e.node);
    expect(JSON.stringify(rows)).not.toContain(ROBOT_KEY);
    const by = (suffix: string, format: string) =>
      rows.find((r: any) => r.target.endsWith(suffix) && r.format === format);
    expect(by('/flaky', 'JSON')).toMatchObject({
      subject: 'SNAPSHOT',
      subjectKey: '2026-11-29',
      status: 'DELIVERED',
      attempts: 3,
      httpStatus: 204,
    });
    expect(by('/cgi-bin/webhook/send?key=***', 'WECOM_MARKDOWN')).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    expect(by('/cgi-bin/webhook/send?key=***', 'WECOM_IMAGE')).toMatchObject({ status: 'DELIVERED' });
    expect(by('/down', 'JSON')).toMatchObject({ status: 'FAILED', attempts: 3, httpStatus: 500 });
    for (const call of errors.mock.calls) expect(call.join(' ')).not.toContain(ROBOT_KEY);

    const denied = await server.gql(`{ deliveries { totalCount } }`, {}, await server.login('chief1'));
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
