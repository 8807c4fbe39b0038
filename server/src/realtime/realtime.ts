import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { AppDeps, Context } from '../graphql/context.js';
import { AlertWatcher } from '../modules/alert/alert.job.js';
import { CheckWatcher } from '../modules/risk/check.job.js';
import { SupervisionWatcher } from '../modules/supervision/supervision.job.js';
import { electLeader, type Leadership } from './leader.js';
import type { EventBus } from './pubsub.js';
import { WallboardHub } from './wallboard-hub.js';
import { startWsServer, type WsServer } from './ws-server.js';

/** Timers that run only in the timer leader: started when this process is elected, stopped when it steps down. */
export interface LeaderTimer {
  start(): unknown;
  stop(): Promise<void>;
}

/** Everything live in one process: the bus, the socket server, shared wallboards, and (when leading) the alert watcher and the reminder timers. */
export interface RealtimeServices {
  bus: EventBus;
  ws: WsServer;
  wallboards: WallboardHub;
  alerts: AlertWatcher;
  /** Opens check tasks and marks them missed (R14); runs beside the alert watcher in the leader. */
  checks: CheckWatcher;
  /** Keeps the supervision classes current and announces a change (R15); runs in the leader. */
  supervision: SupervisionWatcher;
  leadership: Leadership;
  /**
   * Stands for timer leadership, once the server listens (the reminders render pages it serves).
   * The alert watcher starts first, so that a reminder taken at election reads current displays.
   */
  elect(timers: LeaderTimer[]): Promise<void>;
  /** Disposes the socket server when Apollo drains the HTTP server. */
  apolloPlugin: ApolloServerPlugin<Context>;
  close(): Promise<void>;
}

/** The realtime services that resolvers need; missing only if a test built a context by hand. */
export function requireRealtime(ctx: Context): RealtimeServices {
  if (!ctx.deps.realtime) throw new Error('The realtime services are not running in this process.');
  return ctx.deps.realtime;
}

export function startRealtime(http: Server, schema: GraphQLSchema, deps: AppDeps, bus: EventBus): RealtimeServices {
  const ws = startWsServer(http, schema, deps, bus);
  const wallboards = new WallboardHub(deps, bus);
  const alerts = new AlertWatcher(deps, bus);
  const checks = new CheckWatcher(deps, bus);
  const supervision = new SupervisionWatcher(deps, bus);
  let leadership: Leadership | null = null;
  const services: RealtimeServices = {
    bus,
    ws,
    wallboards,
    alerts,
    checks,
    supervision,
    get leadership(): Leadership {
      return leadership ?? { isLeader: () => false, settled: Promise.resolve(), stop: async () => undefined };
    },
    elect(timers) {
      if (leadership) return leadership.settled;
      leadership = electLeader(deps.orm, deps.env.database.kind, {
        // The alert watcher's first pass is awaited, so that a lone process answers with current displays
        // as soon as it serves; the other timers (reminders may render images) start in the background.
        elected: async () => {
          await checks.start();
          await alerts.start();
          void supervision.start();
          for (const timer of timers) void timer.start();
        },
        deposed: () => Promise.all([checks, alerts, supervision, ...timers].map((t) => t.stop())).then(() => undefined),
      });
      return leadership.settled;
    },
    apolloPlugin: {
      async serverWillStart() {
        return {
          async drainServer() {
            await ws.dispose();
          },
        };
      },
    },
    async close() {
      await leadership?.stop();
      await supervision.stop();
      await checks.stop();
      await alerts.stop();
      wallboards.close();
      await ws.dispose();
    },
  };
  deps.realtime = services;
  return services;
}
