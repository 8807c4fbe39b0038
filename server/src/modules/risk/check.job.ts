import type { EntityManager } from '@mikro-orm/knex';
import type { AppDeps } from '../../graphql/context.js';
import { log } from '../../config/log.js';
import { EventKind } from '../event/event-kind.js';
import { runChange, type EventPublisher } from '../event/change.js';
import { CheckTask } from './check-task.entity.js';
import { ControlMeasure } from './control-measure.entity.js';
import { CheckTaskStatus } from './risk.enums.js';
import { openTask } from './risk.service.js';

/** Measures handled per transaction when many cycles end at once (a start-up catch-up). */
const BATCH = 500;

/** A wake-up before the due instant only compares clocks and sleeps again (as the alert watcher does). */
const MAX_SLEEP_MS = 60_000;

export interface CheckPassResult {
  missed: number;
  opened: number;
}

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Ends every cycle that is over at `now` (R14): its task is MISSED if unrecorded, with a CHECK_MISSED
 * event, and the next cycle's task opens. Reads only the measures due, through the nextDueAt index.
 * A cycle skipped entirely while no server ran is not invented: the next task opens on the cycle
 * that contains `now`, and the measure stays missed from the task that was open when it stopped.
 */
export async function runCheckPass(em: EntityManager, publisher: EventPublisher, now: Date): Promise<CheckPassResult> {
  const result: CheckPassResult = { missed: 0, opened: 0 };
  for (;;) {
    const done = await runChange(em.fork(), publisher, async (change) => {
      const { tx } = change;
      const measures = await tx.find(
        ControlMeasure,
        { nextDueAt: { $lte: now } },
        { orderBy: { nextDueAt: 'asc', id: 'asc' }, limit: BATCH, populate: ['enterprise'] },
      );
      if (measures.length === 0) return true;
      const taskIds = measures.map((m) => m.currentTaskId).filter((id): id is string => !!id);
      const open = await tx.find(CheckTask, { id: { $in: taskIds }, status: CheckTaskStatus.DUE });
      const openById = new Map(open.map((t) => [t.id, t]));
      for (const measure of measures) {
        const task = measure.currentTaskId ? openById.get(measure.currentTaskId) : undefined;
        if (task && task.dueAt <= now) {
          task.status = CheckTaskStatus.MISSED;
          measure.missedAt = task.dueAt;
          const enterprise = measure.enterprise.getEntity();
          await change.emit({
            kind: EventKind.CHECK_MISSED,
            at: now,
            enterpriseId: enterprise.id,
            departmentId: enterprise.department.id,
            payload: {
              taskId: task.id,
              measureId: measure.id,
              riskPointId: measure.riskPoint.id,
              description: measure.description,
              dueAt: task.dueAt.toISOString(),
            },
          });
          result.missed++;
        }
        const cycleMs = measure.checkEverySeconds * 1000;
        const end = measure.nextDueAt.getTime();
        const skipped = Math.floor((now.getTime() - end) / cycleMs);
        openTask(tx, measure, new Date(end + skipped * cycleMs));
        result.opened++;
      }
      await tx.flush();
      return measures.length < BATCH;
    });
    if (done) return result;
  }
}

/** The next instant after `now` at which a cycle ends: one indexed MIN lookup. */
export async function nextCheckDueAt(em: EntityManager, now: Date): Promise<Date | null> {
  const row = await em
    .createQueryBuilder(ControlMeasure)
    .select('nextDueAt')
    .where({ nextDueAt: { $gt: now } })
    .orderBy({ nextDueAt: 'asc' })
    .limit(1)
    .execute('get');
  return asDate((row as unknown as Record<string, unknown> | undefined)?.nextDueAt);
}

export interface CheckWatcherEvents {
  onEvent(listener: (event: { kind: EventKind }) => void): () => void;
}

/**
 * Opens check tasks and marks them MISSED on time without polling: after each pass it sleeps until the
 * next cycle ends; a measure added or changed triggers a pass at once. Only the timer leader runs one.
 */
export class CheckWatcher {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  private unsubscribe: (() => void) | undefined;
  private running = false;
  /** The instant the watcher sleeps until (null: no measure at all). */
  nextDue: Date | null = null;
  readonly totals = { passes: 0, missed: 0, opened: 0 };

  constructor(
    private readonly deps: Pick<AppDeps, 'orm' | 'clock' | 'publisher'>,
    private readonly events: CheckWatcherEvents,
  ) {}

  start(): Promise<void> {
    if (this.running) return this.pending ?? Promise.resolve();
    this.running = true;
    this.unsubscribe = this.events.onEvent((event) => {
      if (event.kind === EventKind.RISK_CHANGED) void this.tick();
    });
    return this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.chain;
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
          log.error('check watcher: a pass failed; retrying in a few seconds', error);
          this.sleepUntil(new Date(this.deps.clock.now().getTime() + 5_000));
        });
      this.chain = this.pending;
    }
    return this.pending;
  }

  private async pass(): Promise<void> {
    if (!this.running) return;
    const { orm, clock, publisher } = this.deps;
    const now = clock.now();
    const result = await runCheckPass(orm.em.fork(), publisher, now);
    this.totals.passes++;
    this.totals.missed += result.missed;
    this.totals.opened += result.opened;
    if (result.missed) log.info(`checks: ${result.missed} missed, ${result.opened} opened`);
    this.sleepUntil(await nextCheckDueAt(orm.em.fork(), now));
  }

  private sleepUntil(due: Date | null): void {
    clearTimeout(this.timer);
    this.nextDue = due;
    if (!due || !this.running) return;
    const wait = Math.min(Math.max(due.getTime() - this.deps.clock.now().getTime(), 0), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      if (this.deps.clock.now() >= due) void this.tick();
      else this.sleepUntil(due);
    }, wait);
    this.timer.unref();
  }
}
