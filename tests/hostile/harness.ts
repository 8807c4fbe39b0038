import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/databases.js';
import { post, ServerProcess } from '../../server/src/testing/server-process.js';
import type { SocketAnswer } from '../../server/src/testing/raw-socket.js';
import type { DatabaseKind } from '../../server/src/config/env.js';

/** A real `node src/main.ts` on a fresh database of one dialect, as an operator runs it. */
export interface HostileServer {
  process: ServerProcess;
  url: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

export async function startHostileServer(
  dialect: DatabaseKind,
  env: Record<string, string> = {},
): Promise<HostileServer> {
  const db = await createTestDatabase(dialect);
  const uploads = await mkdtemp(join(tmpdir(), 'hl-hostile-'));
  const server = new ServerProcess(`hostile ${dialect}`, {
    DATABASE_URL: db.url,
    UPLOAD_DIR: uploads,
    REMINDERS: 'off',
    ...env,
  });
  let url: string;
  try {
    url = await server.url;
  } catch (error) {
    await server.stop();
    await db.drop();
    throw error;
  }
  return {
    process: server,
    url,
    db,
    async stop() {
      await server.stop();
      await rm(uploads, { recursive: true, force: true });
      await db.drop();
    },
  };
}

/** GET /healthz on a connection of its own; its status and how long it took. */
export function health(url: string, localAddress?: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/healthz`, { agent: false, localAddress, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error('/healthz did not answer within 30 s')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Runs `work` (a hostile request) and asks /healthz again and again while it is processed: at
 * least once after it was sent, until it is answered. Returns its result and the slowest answer.
 */
export async function whileProcessing<T>(
  url: string,
  work: () => Promise<T>,
): Promise<{ result: T; slowestHealthMs: number; statuses: number[] }> {
  let settled = false;
  const pending = work().finally(() => (settled = true));
  pending.catch(() => undefined);
  const statuses: number[] = [];
  let slowest = 0;
  do {
    // Give the request a moment to reach the server before the first probe.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const { status, ms } = await health(url);
    statuses.push(status);
    slowest = Math.max(slowest, ms);
  } while (!settled);
  return { result: await pending, slowestHealthMs: slowest, statuses };
}

export interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
  text: string;
}

/** POST /graphql with a raw body, on a connection of its own. */
export async function postRaw(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
  token?: string | null,
  localAddress?: string,
): Promise<Answer> {
  const answer = await post(`${url}/graphql`, body, { token, headers, localAddress, timeoutMs: 60_000 });
  let parsed: Answer['body'] = null;
  try {
    parsed = JSON.parse(answer.text) as Answer['body'];
  } catch {
    // An HTML or text page: the assertion on `body` shows it.
  }
  return { status: answer.status, body: parsed, text: answer.text };
}

/** The first error's `extensions.code`, or 'OK' when the answer has data and no errors. */
export function codeOf(body: Answer['body']): string {
  if (!body) return 'NOT_JSON';
  const code = body.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') return code;
  return body.errors?.length ? 'NO_CODE' : 'OK';
}

/** The socket's answer as a code: the first error's, 'OK', or `close <code>` when the server closed it first. */
export function socketCode(answer: SocketAnswer): string {
  if (answer.payload) return codeOf(answer.payload);
  return `close ${answer.closeCode}`;
}
