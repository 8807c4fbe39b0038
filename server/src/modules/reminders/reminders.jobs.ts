import type { AppDeps } from '../../graphql/context.js';
import { addDays, bureauDate, isoWeekday } from '../common/bureau-time.js';
import { ReminderTrigger } from '../snapshot/daily-snapshot.entity.js';
import { retryInterruptedImages, takeDailySnapshot } from '../snapshot/snapshot.service.js';
import { issueBulletin, periodEndedBy } from './bulletin.service.js';
import { issueWeeklyDispatch } from './dispatch.service.js';
import { ReminderScheduler, type ReminderJob } from './reminder-scheduler.js';

/** `HH:MM` → cron minute and hour fields. */
function at(time: string): string {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return `${mm} ${hh}`;
}

/**
 * The reminder rhythm of R11, all at SNAPSHOT_AT bureau time: the daily snapshot, the weekly
 * dispatch on Mondays, the semi-monthly bulletin on the 1st and the 16th. Each job is idempotent
 * per period (unique date columns), so a restart, a catch-up and a second process agree.
 */
export function reminderJobs(deps: AppDeps): ReminderJob[] {
  const { env } = deps;
  const day = (instant: Date) => bureauDate(instant, env.bureauTz);
  const trigger = (late: boolean) => (late ? ReminderTrigger.CATCH_UP : ReminderTrigger.SCHEDULE);
  return [
    {
      name: 'daily snapshot',
      pattern: `${at(env.snapshotAt)} * * *`,
      runDue: async (due, now, late) => {
        // A catch-up on a later day would store that day's figures under the missed date: the
        // missed day stays without a snapshot (takeDailySnapshot refuses it), today's comes at its time.
        if (day(due) !== day(now)) return;
        await takeDailySnapshot(deps.orm.em.fork(), deps, { date: day(due), trigger: trigger(late), actorId: null });
      },
    },
    {
      name: 'weekly dispatch',
      pattern: `${at(env.snapshotAt)} * * 1`,
      runDue: async (due, _now, late) => {
        const date = day(due);
        await issueWeeklyDispatch(deps.orm.em.fork(), deps, addDays(date, 1 - isoWeekday(date)), {
          trigger: trigger(late),
          actorId: null,
        });
      },
    },
    {
      name: 'semi-monthly bulletin',
      pattern: `${at(env.snapshotAt)} 1,16 * *`,
      runDue: async (due, _now, late) => {
        await issueBulletin(deps.orm.em.fork(), deps, periodEndedBy(day(due), env.bureauTz).start, {
          trigger: trigger(late),
          actorId: null,
        });
      },
    },
  ];
}

/** What a crash or a shutdown left half done: a snapshot image still PENDING, webhook messages still PENDING. */
async function sweep(deps: AppDeps): Promise<void> {
  await retryInterruptedImages(deps);
  await deps.reminders.delivery.resumePending();
}

export function createReminderScheduler(deps: AppDeps): ReminderScheduler {
  return new ReminderScheduler(deps.clock, deps.env.bureauTz, reminderJobs(deps), () => sweep(deps));
}
