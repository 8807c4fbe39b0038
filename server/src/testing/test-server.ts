import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../app.js';
import { loadEnv, type DatabaseKind } from '../config/env.js';
import { log } from '../config/log.js';
import type { Clock } from '../modules/common/clock.js';
import type { SnapshotRenderer } from '../modules/snapshot/snapshot-image.js';
import { DEMO_PASSWORD } from '../seeders/organisation.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestServer {
  app: App;
  url: string;
  db: TestDatabase;
  /** POSTs one operation to /graphql, as a client would. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Signs in a demo account and returns its bearer token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dialect: DatabaseKind;
  seed?: 'demo' | 'ruichang-2017' | 'none';
  clock?: Clock;
  /** Replaces headless Chromium for the snapshot image (tests of timing need no browser). */
  renderer?: SnapshotRenderer;
  env?: Record<string, string>;
  /** Reuse a database (to restart a server on it); it is then not dropped on close. */
  database?: TestDatabase;
}

/** A real server on a free port over a fresh database of the given dialect. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  log.quiet = true;
  const db = options.database ?? (await createTestDatabase(options.dialect));
  const uploads = await mkdtemp(join(tmpdir(), 'hl-uploads-'));
  const env = loadEnv({
    PORT: '0',
    DATABASE_URL: db.url,
    SEED: options.seed ?? 'demo',
    NODE_ENV: 'production',
    UPLOAD_DIR: uploads,
    REMINDERS: 'off',
    ...options.env,
  });
  let app: App;
  try {
    app = await startApp({ env, clock: options.clock, renderer: options.renderer });
  } catch (error) {
    if (!options.database) await db.drop();
    throw error;
  }
  const gql: TestServer['gql'] = async (query, variables, token, headers = {}) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<any>;
  };
  const tokens = new Map<string, string>();
  return {
    app,
    url: app.url,
    db,
    gql,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const result = await gql<{ login: { token: string } }>(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: username, p: DEMO_PASSWORD },
      );
      if (!result.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      tokens.set(username, result.data.login.token);
      return result.data.login.token;
    },
    async close() {
      await app.close();
      await rm(uploads, { recursive: true, force: true });
      if (!options.database) await db.drop();
    },
  };
}
