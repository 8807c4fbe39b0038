import type { EntityManager } from '@mikro-orm/knex';
import type { MessageLocale } from '../messages/render.js';
import type { Orm } from '../config/database.js';
import type { Env } from '../config/env.js';
import type { AlertRefresher } from '../modules/alert/alert-refresher.js';
import type { SessionRevoker } from '../modules/auth/session-revoker.js';
import type { User } from '../modules/auth/user.entity.js';
import type { Scope } from '../modules/auth/scope.js';
import type { Clock } from '../modules/common/clock.js';
import type { EventPublisher } from '../modules/event/change.js';
import type { LiveEvents } from '../modules/event/live-event.js';
import type { PhotoLinks } from '../modules/photo/photo-links.js';
import type { Reminders } from '../modules/reminders/reminders.js';
import type { SupervisionToucher } from '../modules/supervision/supervision-toucher.js';
import type { WallboardFeed } from '../modules/wallboard/wallboard-feed.js';
import type { Metrics } from '../ops/metrics.js';
import type { RequestFacts } from '../ops/request-facts.js';
import { unauthenticated } from './errors.js';

/**
 * What lives as long as the server: built once by startApp, shared by every request, never changed
 * afterwards. The live services appear as narrow interfaces, so that a module needing one of them
 * does not import the socket transport (docs/architecture.md, "Wiring").
 */
export interface AppDeps {
  readonly env: Env;
  readonly clock: Clock;
  readonly orm: Orm;
  /** Hands committed events to every process's listeners; runChange publishes through it. */
  readonly publisher: EventPublisher;
  /** Committed events as they reach this process, for the `events` subscription. */
  readonly events: LiveEvents;
  /** Closes the sockets of a revoked session, in every process. */
  readonly sessions: SessionRevoker;
  /** The live wallboards, shared per scope (modules/wallboard/wallboard-hub.ts). */
  readonly wallboards: WallboardFeed;
  /** Brings the stored displays up to now in the timer leader (the alert watcher's pass). */
  readonly alerts: AlertRefresher;
  /** Reclassifies enterprises soon (R15), for a change that emits no event of theirs. */
  readonly supervision: SupervisionToucher;
  /** Snapshot links, renderer and webhook delivery (R11). */
  readonly reminders: Reminders;
  /** Signed, short-lived photo paths for <img> tags. */
  readonly photoLinks: PhotoLinks;
  /** This process's Prometheus registry and instruments (ops/metrics.ts), read at `/metrics`. */
  readonly metrics: Metrics;
}

export interface Viewer {
  user: User;
  sessionId: string;
  expiresAt: Date;
  scope: Scope;
  /** Set when a kiosk link, not a sign-in, stands behind the request: read-only wallboard access (modules/kiosk). */
  kiosk?: { linkId: string };
}

/** One per HTTP request or WebSocket operation, with its own EntityManager fork. A type alias, as graphql-ws requires. */
export type Context = {
  em: EntityManager;
  deps: AppDeps;
  viewer: Viewer | null;
  /** The client's address (socket, or X-Forwarded-For behind a trusted proxy): sign-in throttling counts per address. */
  clientAddress?: string;
  /** Over a socket: true while it holds too much unsent data, so a replay waits instead of buffering (bounded memory). */
  congested?: () => boolean;
  /** Over HTTP: what the request's log line says (operation name, user id). */
  facts?: RequestFacts;
  /** The language the request asks for (Accept-Language); texts kept as keys are rendered in it. */
  locale?: MessageLocale;
};

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
