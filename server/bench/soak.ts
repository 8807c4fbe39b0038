/**
 * A 60 s soak of one server process as an operator runs it (`node src/main.ts`): eight clients in a
 * loop of what the bureau does all day — wallboards, ledgers, filings with idempotency keys, sign-ins —
 * with a live events subscriber, and /healthz polled throughout. Reports p50/p99 latency, errors
 * (a 5xx, an INTERNAL_SERVER_ERROR, a dropped connection or an unexpected refusal) and how much the
 * server's resident memory grew between the end of the warm-up and the end of the soak.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind } from '../src/config/env.js';
import { DEMO_PASSWORD } from '../src/seeders/organisation.js';
import { createTestDatabase } from '../src/testing/databases.js';
import { ServerProcess } from '../src/testing/server-process.js';
import { EVENTS, LiveOperation, openSocket, type EventData } from '../src/testing/ws-client.js';

export interface SoakFigures {
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  healthP99Ms: number;
  rssGrowthMb: number;
  rssEndMb: number;
  eventsDelivered: number;
}

const CLIENTS = 8;
const WARM_UP_MS = 10_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function residentMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const bytes = Number(/^hazardloop_process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
  return bytes / 1024 / 1024;
}

export async function soak(dialect: DatabaseKind, seconds = 60): Promise<SoakFigures> {
  const db = await createTestDatabase(dialect);
  const uploads = await mkdtemp(join(tmpdir(), 'hl-soak-'));
  const server = new ServerProcess(`soak ${dialect}`, {
    DATABASE_URL: db.url,
    UPLOAD_DIR: uploads,
    REMINDERS: 'off',
  });
  try {
    const url = await server.url;
    const gql = async (query: string, variables: Record<string, unknown>, token: string | null) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      if (response.status >= 500 || body.errors?.length)
        throw new Error(`${response.status} ${body.errors?.[0]?.extensions?.code}`);
      return body.data as Record<string, any>;
    };
    const tokens = {
      chief1: await server.login('chief1'),
      director: await server.login('director'),
      analyst: await server.login('analyst'),
    };
    const enterprises = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => server.login(`e${String(i + 1).padStart(3, '0')}`)),
    );
    const socket = openSocket(url, tokens.chief1);
    await socket.connected;
    const since = (await gql('{ latestEventSeq }', {}, tokens.chief1)).latestEventSeq as number;
    const live = new LiveOperation<EventData>(socket.client, EVENTS, { since });

    const work: Array<(client: number, n: number) => Promise<unknown>> = [
      () => gql('{ wallboard { openHazards } }', {}, tokens.chief1),
      () => gql('{ wallboard { openHazards } }', {}, tokens.director),
      () =>
        gql(
          '{ hazards(first: 20) { totalCount edges { node { id title status enterprise { name } } } } }',
          {},
          tokens.analyst,
        ),
      () =>
        gql(
          '{ enterprises(first: 20, filter: { search: "有限" }) { totalCount edges { node { id name } } } }',
          {},
          tokens.analyst,
        ),
      (client, n) =>
        gql(
          'mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }',
          {
            input: {
              title: `soak ${client}-${n}`,
              grade: 'THIRD',
              rectifiedOnSpot: true,
              measures: '已整改',
              idempotencyKey: `soak-${client}-${n}`,
            },
          },
          enterprises[client]!,
        ),
      (client) =>
        gql(
          'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
          { u: `e${String(client + 11).padStart(3, '0')}`, p: DEMO_PASSWORD },
          null,
        ),
    ];

    const latencies: number[] = [];
    const healthLatencies: number[] = [];
    let errors = 0;
    let warmedUp = false;
    const started = Date.now();
    const ends = started + WARM_UP_MS + seconds * 1000;
    const client = async (c: number) => {
      for (let n = 0; Date.now() < ends; n++) {
        const at = performance.now();
        try {
          await work[(c + n) % work.length]!(c, n);
        } catch (error) {
          if (warmedUp) errors++;
          if (warmedUp && errors <= 5) console.log(`     soak error: ${String(error)}`);
        }
        if (warmedUp) latencies.push(performance.now() - at);
      }
    };
    const health = async () => {
      while (Date.now() < ends) {
        const at = performance.now();
        const response = await fetch(`${url}/healthz`).catch(() => null);
        if (warmedUp) {
          healthLatencies.push(performance.now() - at);
          if (response?.status !== 200) errors++;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const running = [...Array.from({ length: CLIENTS }, (_, c) => client(c)), health()];
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const rssStart = await residentMb(url);
    warmedUp = true;
    await Promise.all(running);
    const rssEnd = await residentMb(url);
    const eventsDelivered = live.received.length;
    live.stop();
    await socket.dispose();
    latencies.sort((a, b) => a - b);
    healthLatencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      errors,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      healthP99Ms: percentile(healthLatencies, 0.99),
      rssGrowthMb: rssEnd - rssStart,
      rssEndMb: rssEnd,
      eventsDelivered,
    };
  } finally {
    await server.stop();
    await rm(uploads, { recursive: true, force: true });
    await db.drop();
  }
}
