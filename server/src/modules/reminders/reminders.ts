import type { Orm } from '../../config/database.js';
import type { Env } from '../../config/env.js';
import type { Clock } from '../common/clock.js';
import { WebhookDelivery } from '../delivery/delivery.service.js';
import { ChromiumRenderer, type SnapshotRenderer } from '../snapshot/snapshot-image.js';
import { SnapshotLinks } from '../snapshot/snapshot-links.js';

/** What the reminder rhythm needs at run time, shared by resolvers, routes and timers (AppDeps.reminders). */
export class Reminders {
  readonly links: SnapshotLinks;
  readonly renderer: SnapshotRenderer;
  readonly delivery: WebhookDelivery;
  /** Dates whose image this process is rendering now (the timer's retry leaves them alone). */
  readonly rendering = new Set<string>();
  private readonly publicBase: string | null;
  private listenUrl = '';

  constructor(env: Env, clock: Clock, orm: Orm, renderer?: SnapshotRenderer) {
    this.links = new SnapshotLinks(env.reminders.linkSecret, clock, env.reminders.linkTtlMs);
    this.renderer = renderer ?? new ChromiumRenderer(env.reminders.chromiumPath);
    this.delivery = new WebhookDelivery(orm, clock, env);
    this.publicBase = env.reminders.publicUrl;
  }

  /** Called once the server listens: the renderer opens the snapshot page there. */
  setListenUrl(url: string): void {
    this.listenUrl = url.replace(/\/+$/, '');
  }

  internalUrl(): string {
    return this.listenUrl;
  }

  /** Where people and robots reach the server: PUBLIC_URL, else the listening address. */
  publicUrl(): string {
    return this.publicBase ?? this.listenUrl;
  }
}
