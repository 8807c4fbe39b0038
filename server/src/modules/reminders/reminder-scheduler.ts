import { Cron } from 'croner';
import { log } from '../../config/log.js';
import type { Clock } from '../common/clock.js';

/** One reminder on a bureau-time cron schedule. */
export interface ReminderJob {
  name: string;
  /** Five-field cron pattern in the bureau's time zone, e.g. `0 8 * * 1` (Mondays 08:00). */
  pattern: string;
  /**
   * Does the occurrence that fell due at `due` unless it is done already (the job asks its own
   * table, so a restart or a second process never does it twice). `late` is true when the run
   * comes well after `due` (the server was down at the time).
   */
  runDue(due: Date, now: Date, late: boolean): Promise<void>;
}

/** Longest a timer sleeps before looking at the clock again: survives suspends, clock jumps and FAKE_NOW. */
const MAX_SLEEP_MS = 60_000;

/** A run this long after its time was missed by a server that was down, not merely woken late. */
const LATE_AFTER_MS = 5 * 60_000;

/**
 * The clock-aware scheduling seam. `tick(now)` runs every job whose latest occurrence at or before
 * `now` is not done yet: at start-up that takes what was missed while the server was down; after
 * that, what has just fallen due. `start()` arms real timers that call `tick` at the next
 * occurrence (tests with a ManualClock call `tick` themselves); `stop()` disarms them and waits for
 * a job in progress. Only the timer leader (realtime/leader.ts) calls `start()`, and `stop()` when it
 * steps down.
 */
export class ReminderScheduler {
  private readonly crons: Array<{ job: ReminderJob; cron: Cron }>;
  private readonly done = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private started = false;

  constructor(
    private readonly clock: Clock,
    timeZone: string,
    jobs: ReminderJob[],
    /** Runs after the jobs on every tick (at least once a minute while started): retries what a crash or shutdown left half done. */
    private readonly sweepWork: () => Promise<void> = async () => undefined,
  ) {
    this.crons = jobs.map((job) => ({ job, cron: new Cron(job.pattern, { timezone: timeZone, paused: true }) }));
  }

  /** The first occurrence of any job strictly after `now`. */
  nextRunAfter(now: Date): Date | null {
    const next = this.crons.map(({ cron }) => cron.nextRun(now)).filter((d): d is Date => d !== null);
    return next.length ? new Date(Math.min(...next.map((d) => d.getTime()))) : null;
  }

  /** The latest occurrence of a job at or before `now`. */
  lastDue(cron: Cron, now: Date): Date | null {
    const [candidate] = cron.previousRuns(1, new Date(now.getTime() + 1000));
    if (!candidate) return null;
    if (candidate.getTime() <= now.getTime()) return candidate;
    return cron.previousRuns(1, candidate)[0] ?? null;
  }

  /** Runs what is due at `now` (default: the clock's now), one job after another, then the sweep; calls never overlap. */
  tick(now: Date = this.clock.now()): Promise<void> {
    return this.serial(async () => {
      await this.runDue(now);
      await this.sweepNow();
    });
  }

  /** Only the sweep (tests drive it after a restart without running the jobs). */
  sweep(): Promise<void> {
    return this.serial(() => this.sweepNow());
  }

  /** Whether the timers are armed (this process leads and REMINDERS is on). */
  get active(): boolean {
    return this.running;
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const run = this.current.then(work);
    this.current = run.catch(() => undefined);
    return run;
  }

  private async sweepNow(): Promise<void> {
    try {
      await this.sweepWork();
    } catch (error) {
      log.error(`reminder sweep failed; it runs again on the next tick: ${(error as Error).stack ?? error}`);
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.running = true;
    log.info(`reminder timers started (${this.crons.map(({ job }) => `${job.name} ${job.pattern}`).join('; ')})`);
    void this.tick().finally(() => this.arm());
  }

  /** Resolves when no tick is running (tests wait on it after `start()`). */
  idle(): Promise<void> {
    return this.current;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private arm(): void {
    if (!this.running) return;
    const now = this.clock.now();
    const next = this.nextRunAfter(now);
    const wait = next ? Math.min(Math.max(next.getTime() - now.getTime(), 0) + 50, MAX_SLEEP_MS) : MAX_SLEEP_MS;
    this.timer = setTimeout(() => void this.tick().finally(() => this.arm()), wait);
    this.timer.unref();
  }

  private async runDue(now: Date): Promise<void> {
    for (const { job, cron } of this.crons) {
      const due = this.lastDue(cron, now);
      if (!due || this.done.get(job.name) === due.getTime()) continue;
      try {
        await job.runDue(due, now, now.getTime() - due.getTime() > LATE_AFTER_MS);
        this.done.set(job.name, due.getTime());
      } catch (error) {
        log.error(
          `reminder ${job.name} due ${due.toISOString()} failed; it is tried again on the next tick: ${(error as Error).stack ?? error}`,
        );
      }
    }
  }
}
