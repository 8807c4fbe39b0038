import type { AppDeps } from '../../graphql/context.js';
import { log } from '../../config/log.js';
import { addDays, bureauDate, bureauDayStart } from '../common/bureau-time.js';
import { EventKind } from '../event/event-kind.js';
import { reclassify } from './reclassify.service.js';

/** Changes that can move a fact R15 decides from: the enterprise they name is classified again. */
const RECLASSIFY_ON: ReadonlySet<EventKind> = new Set([
  EventKind.RISK_CHANGED,
  EventKind.ENFORCEMENT_RECORDED,
  EventKind.DEADLINE_MISSED,
  EventKind.DEADLINE_EXTENDED,
  EventKind.RECTIFICATION_SUBMITTED,
  EventKind.RECTIFICATION_REJECTED,
  EventKind.HAZARD_FILED,
  EventKind.ENTERPRISE_REGISTERED,
  EventKind.ENTERPRISE_CHANGED,
]);

/** A wake-up before the due instant only compares clocks and sleeps again (as the other watchers do). */
const MAX_SLEEP_MS = 60_000;

export interface SupervisionWatcherEvents {
  onEvent(listener: (event: { kind: EventKind; enterpriseId: string | null }) => void): () => void;
}

/**
 * Keeps the stored supervision classes current (R15) without polling: an event that can move a fact
 * classifies its enterprise again at once; every enterprise is classified at start and again at each
 * bureau midnight, when a year-old penalty or overdue hazard leaves the 12-month record. Only the
 * timer leader runs one.
 */
export class SupervisionWatcher {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  private unsubscribe: (() => void) | undefined;
  private running = false;
  private everyone = true;
  private readonly dirty = new Set<string>();
  /** The next full pass (the coming bureau midnight). */
  nextDue: Date | null = null;
  readonly totals = { passes: 0, classified: 0, changed: 0 };

  constructor(
    private readonly deps: AppDeps,
    private readonly events: SupervisionWatcherEvents,
  ) {}

  start(): Promise<void> {
    if (this.running) return this.pending ?? Promise.resolve();
    this.running = true;
    this.everyone = true;
    this.unsubscribe = this.events.onEvent((event) => {
      if (RECLASSIFY_ON.has(event.kind) && event.enterpriseId) this.touch([event.enterpriseId]);
    });
    return this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.chain;
  }

  /** Classifies these enterprises again soon (a change that emits no event of theirs: key targets named by a bulletin). */
  touch(enterpriseIds: Iterable<string>): void {
    if (!this.running) return;
    for (const id of enterpriseIds) this.dirty.add(id);
    void this.tick();
  }

  /** Classifies every enterprise at the next pass (a changed rule table in a test). */
  touchAll(): Promise<void> {
    this.everyone = true;
    return this.tick();
  }

  /** Runs a pass now (or joins the one about to start); tests with a ManualClock call it after moving the clock. */
  tick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (!this.pending) {
      this.pending = this.chain
        .then(async () => {
          this.pending = null;
          await this.pass();
        })
        .catch((error) => {
          log.error('supervision watcher: a pass failed; retrying in a few seconds', error);
          this.everyone = true;
          this.sleepUntil(new Date(this.deps.clock.now().getTime() + 5_000));
        });
      this.chain = this.pending;
    }
    return this.pending;
  }

  private async pass(): Promise<void> {
    if (!this.running) return;
    const { orm, clock, env, publisher } = this.deps;
    const now = clock.now();
    const everyone = this.everyone || (this.nextDue !== null && now >= this.nextDue);
    const ids = everyone ? undefined : [...this.dirty];
    this.everyone = false;
    this.dirty.clear();
    if (ids?.length !== 0) {
      const result = await reclassify(orm.em.fork(), publisher, env, now, ids, () => !this.running);
      this.totals.passes++;
      this.totals.classified += result.classified;
      this.totals.changed += result.changed;
      if (result.changed) log.info(`supervision: ${result.changed} enterprises changed class`);
    }
    if (everyone || !this.nextDue)
      this.sleepUntil(bureauDayStart(addDays(bureauDate(now, env.bureauTz), 1), env.bureauTz));
  }

  private sleepUntil(due: Date): void {
    clearTimeout(this.timer);
    this.nextDue = due;
    if (!this.running) return;
    const wait = Math.min(Math.max(due.getTime() - this.deps.clock.now().getTime(), 0), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      if (this.deps.clock.now() >= due) void this.tick();
      else this.sleepUntil(due);
    }, wait);
    this.timer.unref();
  }
}
