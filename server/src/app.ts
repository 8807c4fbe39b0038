import 'reflect-metadata';
import { localeFromHeader } from './messages/render.js';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Orm } from './config/database.js';
import express from 'express';
import { openDatabase } from './config/database.js';
import type { Env } from './config/env.js';
import { configureLog, log } from './config/log.js';
import type { AppDeps, Context } from './graphql/context.js';
import { formatError } from './graphql/format-error.js';
import { messagesPlugin } from './graphql/messages-plugin.js';
import { buildHazardLoopSchema } from './graphql/schema.js';
import { authenticate } from './modules/auth/auth.service.js';
import { bearerToken } from './modules/auth/bearer.js';
import { PhotoLinks } from './modules/photo/photo-links.js';
import { kioskPlugin } from './modules/kiosk/kiosk-plugin.js';
import { schemaPrivacyPlugin } from './graphql/schema-privacy.js';
import { offsetClock, systemClock, type Clock } from './modules/common/clock.js';
import { AlertWatcher } from './modules/alert/alert.job.js';
import { CheckWatcher } from './modules/risk/check.job.js';
import { SupervisionWatcher } from './modules/supervision/supervision.job.js';
import { WallboardHub } from './modules/wallboard/wallboard-hub.js';
import { createEventBus } from './realtime/pubsub.js';
import { startRealtime, type RealtimeServices } from './realtime/realtime.js';
import { MAX_QUERY_TOKENS, validationRules } from './graphql/limits.js';
import { mountUploads } from './modules/photo/photo.routes.js';
import { PhotoExpiry } from './modules/photo/photo-expiry.job.js';
import { mountImports } from './modules/import/import.routes.js';
import { mountExports } from './modules/export/export.routes.js';
import { createReminderScheduler } from './modules/reminders/reminders.jobs.js';
import { Reminders } from './modules/reminders/reminders.js';
import type { ReminderScheduler } from './modules/reminders/reminder-scheduler.js';
import type { SnapshotRenderer } from './modules/snapshot/snapshot-image.js';
import { snapshotImageRoute } from './modules/snapshot/snapshot.routes.js';
import { holdsDemoAccounts, seedIfEmpty } from './seeders/seed.js';
import { EnvError } from './config/env.js';
import { passwordGatePlugin } from './modules/auth/password-gate.js';
import { securityHeaders } from './http/security-headers.js';
import { graphqlBodyErrors, utf8Only } from './http/body-errors.js';
import { createMetrics } from './ops/metrics.js';
import { metricsRoute } from './ops/metrics.routes.js';
import { operationsPlugin, requestFacts, requestLog } from './ops/request-log.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

export interface App {
  url: string;
  port: number;
  orm: Orm;
  deps: AppDeps;
  realtime: RealtimeServices;
  /**
   * The reminder timers (daily snapshot, weekly dispatch, bulletin, and the sweep that retries
   * pending images and deliveries). They run in the timer leader only, unless REMINDERS=off.
   * Tests drive them with `tick(now)` and `sweep()`.
   */
  reminders: ReminderScheduler;
  /** Removes photos never attached within UNATTACHED_PHOTO_TTL; runs in the timer leader (tests call `sweep()`). */
  photoExpiry: PhotoExpiry;
  close(): Promise<void>;
}

export interface AppOptions {
  env: Env;
  /** Overrides the clock that `env.fakeNow` would give (tests inject a ManualClock). */
  clock?: Clock;
  /** Replaces headless Chromium for the snapshot image. */
  renderer?: SnapshotRenderer;
}

/** env → database → schema → HTTP (and later WebSocket) → listen. */
export async function startApp({ env, clock: injected, renderer }: AppOptions): Promise<App> {
  configureLog(env);
  const clock = injected ?? (env.fakeNow ? offsetClock(env.fakeNow) : systemClock);
  const metrics = createMetrics();
  const orm = await openDatabase(env);
  try {
    await seedIfEmpty(orm.em.fork(), env, clock);
    await refuseDemoOnNetwork(orm, env);
    const bus = await createEventBus(env, orm, { clock, metrics });
    // The live services first, with what they read by; then AppDeps, once, holding them by narrow interfaces.
    const live = {
      bus,
      wallboards: new WallboardHub({ orm, env, clock }, bus),
      alerts: new AlertWatcher({ orm, env, clock, publisher: bus, metrics }, bus),
      checks: new CheckWatcher({ orm, clock, publisher: bus }, bus),
      supervision: new SupervisionWatcher({ orm, env, clock, publisher: bus }, bus),
    };
    const deps: AppDeps = Object.freeze({
      env,
      clock,
      orm,
      publisher: bus,
      events: bus,
      sessions: bus,
      wallboards: live.wallboards,
      alerts: live.alerts,
      supervision: live.supervision,
      reminders: new Reminders(env, clock, orm, renderer),
      photoLinks: new PhotoLinks(env.reminders.linkSecret, clock),
      metrics,
    });
    const reminders = createReminderScheduler(deps);
    const photoExpiry = new PhotoExpiry(deps);
    const schema = await buildHazardLoopSchema();

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', env.trustProxy);
    app.use(requestLog(metrics));
    app.use(securityHeaders());
    const http: Server = createServer(app);
    // Idle keep-alive sockets outlive the clients' and proxies' (60 s is common): a server that closes
    // one first races a request sent on it, which the client sees as ECONNRESET.
    http.keepAliveTimeout = 65_000;
    http.headersTimeout = 66_000;
    const realtime = startRealtime(http, schema, deps, live);
    metrics.setSources({
      openSockets: () => realtime.ws.openSockets(),
      isLeader: () => realtime.leadership.isLeader(),
    });
    const apollo = new ApolloServer<Context>({
      schema,
      // main.ts owns SIGINT/SIGTERM: Apollo's own handler would stop it a second time and re-raise the signal (exit 143).
      stopOnTerminationSignals: false,
      introspection: true,
      includeStacktraceInErrorResponses: !env.production,
      formatError: formatError(env.production),
      validationRules,
      parseOptions: { maxTokens: MAX_QUERY_TOKENS },
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: http }),
        // No @cacheControl hints are given, and the default plugin wraps every resolver to look for them:
        // 5% of a hazard page's CPU at province scale (issue 16).
        ApolloServerPluginCacheControlDisabled(),
        realtime.apolloPlugin,
        kioskPlugin,
        messagesPlugin,
        passwordGatePlugin,
        schemaPrivacyPlugin,
        operationsPlugin(metrics, new Set()),
      ],
    });
    await apollo.start();

    app.get('/metrics', metricsRoute(deps));
    app.get('/healthz', async (_req, res) => {
      try {
        await orm.em.fork().getConnection().execute('select 1');
        res.json({ status: 'ok' });
      } catch (error) {
        log.error('health check: the database does not answer', error);
        res.status(503).json({ status: 'unavailable', reason: 'The database does not answer.' });
      }
    });

    app.use(
      '/graphql',
      utf8Only,
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        context: async ({ req, res }): Promise<Context> => {
          const em = orm.em.fork();
          const viewer = await authenticate(em, bearerToken(req.headers.authorization), clock.now(), {
            allowKiosk: true,
          });
          const facts = requestFacts(res);
          facts.userId = viewer?.user.id ?? null;
          return {
            em,
            deps,
            viewer,
            clientAddress: req.ip ?? req.socket.remoteAddress,
            facts,
            locale: localeFromHeader(req.headers['accept-language']),
          };
        },
      }),
    );
    app.use('/graphql', graphqlBodyErrors);

    mountUploads(app, deps);
    mountImports(app, deps);
    mountExports(app, deps);
    app.get('/snapshots/:file', snapshotImageRoute(deps));

    serveDashboard(app);

    await new Promise<void>((resolve) => http.listen(env.port, env.host, resolve));
    const port = (http.address() as AddressInfo).port;
    const url = `http://${env.host.includes(':') ? `[${env.host}]` : env.host}:${port}`;
    deps.reminders.setListenUrl(url);
    await realtime.elect(env.reminders.timers ? [reminders, photoExpiry] : [photoExpiry]);

    return {
      url,
      port,
      orm,
      deps,
      realtime,
      reminders,
      photoExpiry,
      async close() {
        await reminders.stop();
        await photoExpiry.stop();
        await deps.reminders.delivery.stop();
        await apollo.stop();
        await realtime.close();
        await bus.close();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close();
    throw error;
  }
}

/** Loopback addresses: only this machine can reach a server listening there. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** The demo accounts' password is published: a server holding them listens beyond loopback only when told to (R12). */
async function refuseDemoOnNetwork(orm: Orm, env: Env): Promise<void> {
  if (env.demoOnNetwork || LOOPBACK.test(env.host)) return;
  if (!(await holdsDemoAccounts(orm.em.fork()))) return;
  throw new EnvError([
    `HOST is ${env.host}, but the database holds the demo accounts, whose password is published: anyone on the network could sign in. Listen on 127.0.0.1, start on an empty database with SEED=none and INITIAL_ADMIN_PASSWORD, or set DEMO_ON_NETWORK=1 to serve the demo on the network on purpose`,
  ]);
}

/** The built Vue app at `/`, with its client-side routes (`/wallboard`, `/snapshot/:date`) falling back to index.html. */
function serveDashboard(app: express.Express): void {
  const index = `${DASHBOARD_DIST}index.html`;
  if (!existsSync(index)) {
    log.warn('dashboard/dist is missing; run `pnpm build` to serve the dashboard.');
    app.get(
      '/',
      (_req, res) => void res.type('text').send('HazardLoop is running. The dashboard is not built: run `pnpm build`.'),
    );
    return;
  }
  app.use(
    express.static(DASHBOARD_DIST, {
      index: false,
      maxAge: '1h',
      setHeaders(res, path) {
        // The service worker and what it reads decide which version a phone runs: never cached, so an update is seen.
        if (/(^|[\\/])(sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest|app-shell\.json)$/.test(path))
          res.setHeader('Cache-Control', 'no-cache');
        if (path.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
        if (path.endsWith('sw.js')) res.setHeader('Service-Worker-Allowed', '/');
      },
    }),
  );
  app.use((req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
