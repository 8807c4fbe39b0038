/**
 * `pnpm bench`: timing goals of the live parts, measured on this machine (timed assertions do not
 * belong in tests). Prints one line per figure; exits non-zero when a goal is missed.
 */
import { log } from '../src/config/log.js';
import { measureAppShell } from './app-shell.js';
import { benchCheckWatcher } from './check-watcher.js';
import { benchLedgerExport } from './ledger-export.js';
import { benchReplay } from './replay.js';
import { soak } from './soak.js';
import type { DatabaseKind } from '../src/config/env.js';
import { computeWallboard } from '../src/modules/wallboard/wallboard.service.js';
import { scopeOf } from '../src/modules/auth/scope.js';
import { User } from '../src/modules/auth/user.entity.js';
import { postgresAnswers } from '../src/testing/databases.js';
import { startTestServer } from '../src/testing/test-server.js';
import { registryRows, registryXlsx, uploadImport } from '../src/testing/registry-files.js';
import { EVENTS, LiveOperation, openSocket, type EventData } from '../src/testing/ws-client.js';

log.quiet = true;
const goals: Array<{ what: string; ms: number; goal: number }> = [];
const record = (what: string, ms: number, goal: number) => {
  goals.push({ what, ms, goal });
  console.log(`${ms <= goal ? 'ok  ' : 'SLOW'} ${what}: ${ms.toFixed(1)} ms (goal ≤ ${goal} ms)`);
};
const memory = (what: string, mb: number, goal: number) => {
  goals.push({ what, ms: mb, goal });
  console.log(`${mb <= goal ? 'ok  ' : 'BIG '} ${what} ${mb.toFixed(1)} MB (goal ≤ ${goal} MB)`);
};

/** A floor rather than a ceiling (events per second): kept negated, so every goal reads `value ≤ goal`. */
const rate = (what: string, perSecond: number, goal: number) => {
  goals.push({ what, ms: -perSecond, goal: -goal });
  console.log(`${perSecond >= goal ? 'ok  ' : 'SLOW'} ${what}: ${Math.round(perSecond)} /s (goal ≥ ${goal} /s)`);
};

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function bench(dialect: DatabaseKind): Promise<void> {
  const server = await startTestServer({ dialect });
  try {
    const em = server.app.orm.em.fork();
    const { env, clock } = server.app.deps;
    for (const username of ['director', 'chief1']) {
      const user = await em.findOneOrFail(User, { username });
      const scope = await scopeOf(em, user);
      record(
        `${dialect}: ${username}'s wallboard, computed`,
        await median(9, () => computeWallboard(server.app.orm.em.fork(), scope, env, clock.now())),
        250,
      );
    }

    const socket = openSocket(server.url, await server.login('chief1'));
    await socket.connected;
    const since = (await server.gql(`{ latestEventSeq }`, {}, await server.login('chief1'))).data!.latestEventSeq;
    const live = new LiveOperation<EventData>(socket.client, EVENTS, { since });
    const e001 = await server.login('e001');
    const filing = await median(9, async () => {
      const before = live.received.length;
      await server.gql(
        `mutation { fileHazard(input: { title: "bench", grade: THIRD, rectifiedOnSpot: true }) { id } }`,
        {},
        e001,
      );
      await live.waitFor((r) => r.length > before, 'filing event');
    });
    record(`${dialect}: filing → HAZARD_FILED at a subscriber`, filing, 1000);

    const deadline = new Date(Date.now() + 3000);
    await server.gql(
      `mutation($d: DateTime!) { fileHazard(input: { title: "bench deadline", grade: THIRD, deadline: $d, measures: "m", responsiblePerson: "p" }) { id } }`,
      { d: deadline.toISOString() },
      e001,
    );
    await live.waitFor(
      (r) => r.some((e) => e.events.kind === 'DEADLINE_MISSED' && e.events.hazard?.title === 'bench deadline'),
      'DEADLINE_MISSED',
      15_000,
    );
    record(`${dialect}: deadline → DEADLINE_MISSED at a subscriber`, Date.now() - deadline.getTime(), 2000);
    live.stop();
    await socket.dispose();

    // R13: a county's registry in one file: 1,000 rows checked, then registered with accounts in one transaction.
    const admin = await server.login('admin');
    const names = (await server.gql('{ townships { name } departments { name } }', {}, admin)).data!;
    const file = await registryXlsx(registryRows(1000, names.townships[0].name, names.departments[0].name));
    const upload = await uploadImport(server.url, admin, file, 'bench.xlsx');
    const run = (dry: boolean) =>
      server.gql(
        `mutation($id: ID!, $dry: Boolean!) { importEnterprises(importId: $id, dryRun: $dry, createAccounts: true) { created errors { row } } }`,
        { id: upload.body.id, dry },
        admin,
      );
    let started = performance.now();
    await run(true);
    record(`${dialect}: import of 1,000 rows, dry run`, performance.now() - started, 3000);
    started = performance.now();
    const imported = await run(false);
    const took = performance.now() - started;
    if (imported.data?.importEnterprises.created !== 1000)
      throw new Error(`import failed: ${JSON.stringify(imported)}`);
    record(`${dialect}: import of 1,000 rows with accounts, one transaction`, took, 10_000);
  } finally {
    await server.close();
  }
}

/**
 * `pnpm bench -- --only checks` (R14's watcher), `--only ledger` (issue 12's exports), `--only replay` (issue 15) or `--only live`
 * runs one group of figures; `--dialect sqlite` or `--dialect postgresql` one database.
 */
const GROUPS = ['live', 'checks', 'ledger', 'replay'] as const;
const DIALECTS: readonly DatabaseKind[] = ['sqlite', 'postgresql'];
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const only = option('--only') ?? (process.argv.includes('checks') ? 'checks' : undefined);
const dialect = option('--dialect');
if (only !== undefined && !(GROUPS as readonly string[]).includes(only)) {
  console.error(`--only takes one of ${GROUPS.join(', ')}`);
  process.exit(2);
}
if (dialect !== undefined && !(DIALECTS as readonly string[]).includes(dialect)) {
  console.error(`--dialect takes one of ${DIALECTS.join(', ')}`);
  process.exit(2);
}
const dialects = dialect === undefined ? DIALECTS : [dialect as DatabaseKind];
const runs = (group: (typeof GROUPS)[number]) => only === undefined || only === group;

function benchAppShell(): void {
  // The field app's shell (R17): what the service worker precaches, gzipped; budget 500 kB.
  const shell = measureAppShell();
  if (shell) {
    const kb = shell.gzipBytes / 1024;
    goals.push({ what: 'app shell', ms: kb, goal: 500 });
    console.log(
      `${kb <= 500 ? 'ok  ' : 'BIG '} field app shell: ${shell.files} files, ${(shell.bytes / 1024).toFixed(1)} kB, ${kb.toFixed(1)} kB gzipped (goal ≤ 500 kB)`,
    );
  } else console.log('skipping the app shell size: dashboard/dist/sw.js is missing (pnpm build)');
}

async function benchDialect(kind: DatabaseKind): Promise<void> {
  if (runs('live')) await bench(kind);
  if (runs('ledger')) {
    const server = await startTestServer({ dialect: kind });
    try {
      await benchLedgerExport(server, kind, record, memory);
    } finally {
      await server.close();
    }
  }
  if (runs('replay')) await benchReplay(kind, record, rate);
  if (runs('checks')) await benchCheckWatcher(kind, record);
}

/** The 60 s soak of a server process: p50/p99, errors and resident-memory growth, each against a goal. */
async function benchSoak(dialect: DatabaseKind): Promise<void> {
  const f = await soak(dialect);
  console.log(
    `     ${dialect}: soak of 60 s: ${f.requests} requests, p50 ${f.p50Ms.toFixed(1)} ms, ${f.eventsDelivered} events delivered, RSS ${f.rssEndMb.toFixed(0)} MB at the end`,
  );
  record(`${dialect}: soak p99 latency`, f.p99Ms, 1000);
  record(`${dialect}: soak /healthz p99`, f.healthP99Ms, 1000);
  goals.push({ what: 'soak errors', ms: f.errors, goal: 0 });
  console.log(`${f.errors === 0 ? 'ok  ' : 'FAIL'} ${dialect}: soak errors: ${f.errors} (goal 0)`);
  goals.push({ what: 'soak memory', ms: f.rssGrowthMb, goal: 100 });
  console.log(
    `${f.rssGrowthMb <= 100 ? 'ok  ' : 'BIG '} ${dialect}: soak resident memory grew ${f.rssGrowthMb.toFixed(1)} MB after the warm-up (goal ≤ 100 MB)`,
  );
}

// `pnpm bench -- soak` runs only the soak (SQLite; `soak postgresql` on PostgreSQL).
if (process.argv.includes('soak')) {
  await benchSoak(process.argv.includes('postgresql') ? 'postgresql' : 'sqlite');
  process.exit(goals.every((g) => g.ms <= g.goal) ? 0 : 1);
}

if (runs('live')) benchAppShell();
if (runs('live') && dialects.includes('sqlite')) await benchSoak('sqlite');
if (dialects.includes('sqlite')) await benchDialect('sqlite');
if (dialects.includes('postgresql')) {
  if (await postgresAnswers()) await benchDialect('postgresql');
  else console.log('skipping PostgreSQL: it does not answer at 127.0.0.1:5432');
}
process.exit(goals.every((g) => g.ms <= g.goal) ? 0 : 1);
