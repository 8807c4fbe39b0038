import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../seeders/organisation.js';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface PostOptions {
  token?: string | null;
  /** Bind the client's end to this address (127.0.0.2: another client on this machine). */
  localAddress?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** A POST through node:http, which can choose the client's address (fetch cannot). */
export function post(
  url: string,
  body: string | Buffer,
  { token, localAddress, headers = {}, timeoutMs = 30_000 }: PostOptions = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** One `node src/main.ts` process, as an operator runs it: its stdout lines kept for the test to read. */
export class ServerProcess {
  readonly lines: Array<{ at: number; text: string }> = [];
  readonly url: Promise<string>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        SEED: 'demo',
        NODE_ENV: 'production',
        CHROMIUM_PATH: '/nonexistent/chromium',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts.filter(Boolean)) this.lines.push({ at: Date.now(), text: line });
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.url = this.waitForLine(/HazardLoop is serving (http:\/\/\S+) /, 90_000).then((m) => m[1]!);
    this.url.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  waitForLine(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        for (const line of this.lines.slice(from)) {
          const match = pattern.exec(line.text);
          if (match) return resolve(match);
        }
        if (this.child.exitCode !== null || this.child.signalCode !== null)
          return reject(new Error(`${this.name} exited:\n${this.log()}`));
        if (Date.now() - started > timeoutMs)
          return reject(new Error(`${this.name}: no line ${pattern} within ${timeoutMs} ms:\n${this.log()}`));
        setTimeout(check, 25);
      };
      check();
    });
  }

  log(): string {
    return this.lines.map((l) => l.text).join('\n');
  }

  async gql(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<any> {
    const response = await fetch(`${await this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  }

  async login(username: string): Promise<string> {
    const result = await this.gql(
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
      {
        u: username,
        p: DEMO_PASSWORD,
      },
    );
    if (!result.data?.login)
      throw new Error(`${this.name}: login ${username} failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  }

  /** SIGKILL: no goodbye, no flush, no unlock. */
  kill(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000));
    await Promise.race([this.exited, timeout]);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
