import type { EntityManager } from '@mikro-orm/knex';
import type { Orm } from '../config/database.js';
import type { Env } from '../config/env.js';
import type { Clock } from '../modules/common/clock.js';
import type { User } from '../modules/auth/user.entity.js';
import type { Scope } from '../modules/auth/scope.js';
import type { EventPublisher } from '../modules/event/change.js';
import type { RealtimeServices } from '../realtime/realtime.js';
import type { Reminders } from '../modules/reminders/reminders.js';
import type { PhotoLinks } from '../modules/photo/photo-links.js';
import { unauthenticated } from './errors.js';

/** What lives as long as the server: shared by every request. */
export interface AppDeps {
  env: Env;
  clock: Clock;
  orm: Orm;
  publisher: EventPublisher;
  /** The event bus, live wallboards and alert watcher; set by startApp once they run. */
  realtime?: RealtimeServices;
  /** Snapshot links, renderer and webhook delivery (R11). */
  reminders: Reminders;
  /** Signed, short-lived photo paths for <img> tags. */
  photoLinks: PhotoLinks;
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
};

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
