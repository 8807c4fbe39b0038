/**
 * Issue 16's fan-out figure: one event to 1k / 5k / 10k open sockets, HazardLoop against a raw
 * `ws` broadcast in its own process. Each HazardLoop socket runs the dashboard's own `events`
 * subscription (half as the director, half as chief1: two audiences); the event is a filing for an
 * enterprise both may see. Each side runs its rounds with its own sockets open, one side after the
 * other. Latency is from sending the trigger (the `fileHazard` mutation; the
 * baseline's POST /broadcast) to each socket's frame; p50 and p99 over the sockets, median over
 * rounds. Memory per socket is the server process's resident growth divided by the sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { rawSubscribe } from '../src/testing/raw-socket.js';

const DASHBOARD_EVENTS = readFileSync(
  new URL('../../dashboard/src/features/wallboard/graphql/events.graphql', import.meta.url),
  'utf8',
);
const CONNECT_BATCH = 250;
const DELIVERY_TIMEOUT_MS = 180_000;

export interface FanOutServer {
  /** http://127.0.0.1:port */
  url: string;
  pid: number;
}

export interface FanOutResult {
  sockets: number;
  p50: number;
  p99: number;
  bytesPerSocket: number;
  /** How long the trigger itself took to answer (the mutation's commit; the baseline's POST). */
  triggerMs: number;
}

export const residentBytes = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sockets that note when each marked frame (`fanout-<n>`) reached them. */
class Audience {
  readonly sockets: WebSocket[] = [];
  private readonly arrivals = new Map<number, number[]>();
  private readonly waiters = new Set<() => void>();

  onFrame = (text: string) => {
    const marker = /fanout-(\d+)/.exec(text);
    if (!marker) return;
    const n = Number(marker[1]);
    const list = this.arrivals.get(n) ?? [];
    list.push(performance.now());
    this.arrivals.set(n, list);
    for (const waiter of [...this.waiters]) waiter();
  };

  /** Resolves with the arrival times once every socket has the frame. */
  all(n: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = this.arrivals.get(n) ?? [];
        if (got.length < this.sockets.length) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(got);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`fan-out: ${this.arrivals.get(n)?.length ?? 0} of ${this.sockets.length} sockets got frame ${n}`),
        );
      }, DELIVERY_TIMEOUT_MS);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.length = 0;
  }
}

/** Opens `count` subscribers, spread over the servers and tokens in turn. */
async function connect(
  audience: Audience,
  count: number,
  servers: FanOutServer[],
  tokens: string[],
  query: string,
): Promise<void> {
  for (let done = 0; done < count; done += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - done) }, (_, i) => {
      const k = done + i;
      const { socket, subscribed } = rawSubscribe(
        servers[k % servers.length]!.url,
        tokens[k % tokens.length]!,
        query,
        {},
        audience.onFrame,
      );
      audience.sockets.push(socket);
      return subscribed;
    });
    await Promise.all(batch);
  }
}

/** Plain `ws` clients of the baseline: no protocol, each open socket gets every broadcast. */
async function connectRaw(audience: Audience, count: number, server: FanOutServer): Promise<void> {
  for (let done = 0; done < count; done += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - done) }, () => {
      const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`);
      socket.on('message', (raw: Buffer) => audience.onFrame(raw.toString()));
      audience.sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
    });
    await Promise.all(batch);
  }
}

/** The baseline server, started in its own process. */
export async function startRawWs(): Promise<FanOutServer & { process: ChildProcess }> {
  const child = spawn('node', ['--import', '@swc-node/register/esm-register', 'bench/raw-ws-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(line.trim())),
  );
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, process: child };
}

export interface FanOutPlan {
  sizes: number[];
  rounds: number;
  /** HazardLoop's processes: the first is triggered; subscribers are spread over all of them. */
  servers: FanOutServer[];
  tokens: string[];
  /** Makes HazardLoop emit an event whose hazard title carries `fanout-<n>`. */
  trigger: (n: number) => Promise<void>;
  raw: FanOutServer;
}

/** A frame the size of the dashboard's (seq, kind, at, reopened, enterprise, hazard, alert), for the baseline. */
const rawFrame = (n: number) =>
  JSON.stringify({
    id: '1',
    type: 'next',
    payload: {
      data: {
        events: {
          seq: 100_000 + n,
          kind: 'HAZARD_FILED',
          at: new Date().toISOString(),
          reopened: false,
          enterprise: { id: '00000000-0000-4000-8000-000000000001', name: '瑞昌市某化工有限公司' },
          hazard: { id: '00000000-0000-4000-8000-000000000002', title: `fanout-${n}`, grade: 'THIRD' },
          alert: null,
        },
      },
    },
  });

/** Runs the figure for each size: HazardLoop and the baseline side by side, alternating per round. */
export async function measureFanOut(plan: FanOutPlan): Promise<Array<{ ours: FanOutResult; raw: FanOutResult }>> {
  const results: Array<{ ours: FanOutResult; raw: FanOutResult }> = [];
  let marker = 0;
  for (const size of plan.sizes) {
    // One side at a time: both sides' clients at 10k would need more descriptors than this process may open.
    const run = async (which: 'ours' | 'raw') => {
      const side = new Audience();
      await settle(2000);
      const pids = which === 'ours' ? plan.servers.map((s) => s.pid) : [plan.raw.pid];
      const before = pids.map(residentBytes);
      if (which === 'ours') await connect(side, size, plan.servers, plan.tokens, DASHBOARD_EVENTS);
      else await connectRaw(side, size, plan.raw);
      const send = which === 'ours' ? plan.trigger : sendRaw;
      // A warm-up: it also proves that every subscription is in place (there is no ack for one).
      const warm = ++marker;
      const warmed = side.all(warm);
      await send(warm);
      await warmed;
      const grown = pids.map((pid, i) => residentBytes(pid) - before[i]!).reduce((a, b) => a + b, 0);
      const p50: number[] = [];
      const p99: number[] = [];
      const answered: number[] = [];
      for (let round = 0; round < plan.rounds; round++) {
        const n = ++marker;
        const started = performance.now();
        const arrived = side.all(n);
        await send(n);
        answered.push(performance.now() - started);
        const latencies = (await arrived).map((t) => t - started).sort((a, b) => a - b);
        p50.push(percentile(latencies, 0.5));
        p99.push(percentile(latencies, 0.99));
        await settle(500);
      }
      side.close();
      return {
        sockets: size,
        p50: median(p50),
        p99: median(p99),
        triggerMs: median(answered),
        bytesPerSocket: Math.max(0, grown) / size,
      };
    };
    const sendRaw = async (n: number) => {
      await fetch(`${plan.raw.url}/broadcast`, { method: 'POST', body: rawFrame(n) });
    };
    const ours = await run('ours');
    const raw = await run('raw');
    console.log(
      `fan-out to ${size}: p50 ${ours.p50.toFixed(0)} / p99 ${ours.p99.toFixed(0)} ms (raw ${raw.p50.toFixed(0)} / ${raw.p99.toFixed(0)} ms)`,
    );
    results.push({ ours, raw });
  }
  return results;
}
