import type { AppDeps } from '../../graphql/context.js';
import type { AlertRefresher } from './alert-refresher.js';
import { log } from '../../config/log.js';
import { EventKind } from '../event/event-kind.js';
import { nextDueAt } from './alert.rules.js';
import { reconcileAlerts, type ReconcileResult } from './alert.service.js';

/** Changes made elsewhere that can end a display or move the next due instant. */
const REPLAN_ON: ReadonlySet<EventKind> = new Set([
  EventKind.ENTERPRISE_LOGGED_IN,
  EventKind.HAZARD_FILED,
  EventKind.RECTIFICATION_SUBMITTED,
  EventKind.RECTIFICATION_REJECTED,
  EventKind.HAZARD_CLOSED,
  EventKind.DEADLINE_EXTENDED,
  EventKind.HAZARD_REGRADED,
  EventKind.ENTERPRISE_REGISTERED,
  EventKind.ENTERPRISE_CHANGED,
  EventKind.CHECK_MISSED,
  EventKind.CHECK_RECORDED,
]);

/**
 * The longest single sleep. A wake-up before the due instant only compares clocks and sleeps again
 * (no query); it keeps an offset or adjusted clock from oversleeping.
 */
const MAX_SLEEP_MS = 60_000;

export interface WatcherEvents {
  onEvent(listener: (event: { kind: EventKind }) => void): () => void;
}

/**
 * Raises and clears the three displays on time (R2, R3, R4) without polling: after each pass it
 * asks for the next instant anything falls due and sleeps until then; a change published by
 * another module (a login, a filing, a closure, an extension…) triggers a pass at once. The first
 * pass catches up on whatever fell due while no server was watching. Only the leader runs one.
 */
export class AlertWatcher implements AlertRefresher {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  private unsubscribe: (() => void) | undefined;
  private running = false;
  /** The instant the watcher sleeps until (null: nothing is due, ever, until a change). */
  nextDue: Date | null = null;
  /** Totals since start, for logs and tests. */
  readonly totals = { passes: 0, raised: 0, cleared: 0 };

  constructor(
    /** Built before AppDeps, which holds the watcher as `alerts`. */
    private readonly deps: Pick<AppDeps, 'orm' | 'clock' | 'env' | 'publisher' | 'metrics'>,
    private readonly events: WatcherEvents,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): Promise<void> {
    if (this.running) return this.pending ?? Promise.resolve();
    this.running = true;
    this.unsubscribe = this.events.onEvent((event) => {
      if (REPLAN_ON.has(event.kind)) void this.tick();
    });
    return this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.chain;
  }

  /**
   * Runs a pass now (or joins the one about to start) and resolves when it is done. Tests with a
   * ManualClock call it after moving the clock; the server calls it on wake-ups and changes.
   */
  tick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (!this.pending) {
      this.pending = this.chain
        .then(async () => {
          this.pending = null;
          await this.pass();
        })
        .catch((error) => {
          log.error('alert watcher: a pass failed; retrying in a few seconds', error);
          this.sleepUntil(new Date(this.deps.clock.now().getTime() + 5_000));
        });
      this.chain = this.pending;
    }
    return this.pending;
  }

  private async pass(): Promise<ReconcileResult | undefined> {
    if (!this.running) return undefined;
    const { orm, clock, env, publisher } = this.deps;
    const now = clock.now();
    // In bounded batches that stop when the watcher does (SIGTERM during a long first catch-up).
    const result = await reconcileAlerts(orm.em.fork(), publisher, env, now, { shouldStop: () => !this.running });
    this.totals.passes++;
    this.totals.raised += result.raised;
    this.totals.cleared += result.cleared;
    if (result.raised || result.cleared) log.info(`alerts: ${result.raised} raised, ${result.cleared} cleared`);
    this.sleepUntil(await nextDueAt(orm.em.fork(), env, now));
    return result;
  }

  private sleepUntil(due: Date | null): void {
    clearTimeout(this.timer);
    this.nextDue = due;
    if (!due || !this.running) return;
    const wait = Math.min(Math.max(due.getTime() - this.deps.clock.now().getTime(), 0), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      const now = this.deps.clock.now();
      if (now >= due) {
        this.deps.metrics.watcherLateness.observe((now.getTime() - due.getTime()) / 1000);
        void this.tick();
      } else this.sleepUntil(due);
    }, wait);
    this.timer.unref();
  }
}
