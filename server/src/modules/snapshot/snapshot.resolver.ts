import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { DateScalar } from '../../graphql/scalars/date.scalar.js';
import { assertMayIssueReminders, assertMayReadReports } from '../auth/permissions.js';
import { User } from '../auth/user.entity.js';
import { paginate, type Page } from '../common/pagination.js';
import { DailySnapshot, ReminderTrigger, SnapshotImageStatus } from './daily-snapshot.entity.js';
import { bureauToday, takeDailySnapshot } from './snapshot.service.js';
import { Wallboard } from '../wallboard/wallboard.type.js';
import { parseSnapshotData, SnapshotDisplays, SnapshotWindows, type SnapshotData } from './snapshot.types.js';

export const DailySnapshotConnection = connectionOf(DailySnapshot, 'DailySnapshot');

const parsed = new WeakMap<DailySnapshot, SnapshotData>();
function dataOf(snapshot: DailySnapshot): SnapshotData {
  let data = parsed.get(snapshot);
  if (!data) parsed.set(snapshot, (data = parseSnapshotData(snapshot.data)));
  return data;
}

@Resolver(() => DailySnapshot)
export class SnapshotResolver {
  @Query(() => DailySnapshot, {
    nullable: true,
    description:
      'The daily snapshot of a bureau date, or null if none was taken. Staff only; `token` is the signed page token the snapshot renderer passes instead of a session.',
  })
  dailySnapshot(
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: Context,
    @Arg('token', () => String, {
      nullable: true,
      description: 'A signed, short-lived token for this date (the renderer’s); staff need none.',
    })
    token?: string,
  ): Promise<DailySnapshot | null> {
    if (!(token && ctx.deps.reminders.links.verify('page', date, token))) assertMayReadReports(requireViewer(ctx));
    return ctx.em.findOne(DailySnapshot, { date });
  }

  @Query(() => DailySnapshotConnection, {
    description: 'Past daily snapshots, newest first. Staff only. `first` is at most 200.',
  })
  dailySnapshots(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<DailySnapshot>> {
    assertMayReadReports(requireViewer(ctx));
    return paginate(ctx.em, DailySnapshot, {}, { first, after }, { field: 'date', direction: 'desc', type: 'string' });
  }

  @Mutation(() => DailySnapshot, {
    description:
      'Takes the daily snapshot of `date` (default: today, bureau time) now, if it has not been taken; returns the day’s one snapshot. A day’s snapshot whose image is missing is rendered again. Director and admin only; a future date is refused.',
  })
  async takeSnapshot(
    @Ctx() ctx: Context,
    @Arg('date', () => DateScalar, { nullable: true }) date?: string,
  ): Promise<DailySnapshot> {
    const viewer = requireViewer(ctx);
    assertMayIssueReminders(viewer);
    const today = bureauToday(ctx.deps);
    const day = date ?? today;
    if (day > today) throw badInput('reminders.snapshotFuture', { day, today }, 'date');
    return takeDailySnapshot(ctx.em, ctx.deps, {
      date: day,
      trigger: ReminderTrigger.ON_DEMAND,
      actorId: viewer.user.id,
    });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Absolute URL of the PNG, with a signed short-lived token so that an <img> tag or a chat robot can fetch it (a bearer session also works without the token). Null while there is no image.',
  })
  imageUrl(@Root() snapshot: DailySnapshot, @Ctx() ctx: Context): string | null {
    if (snapshot.imageStatus !== SnapshotImageStatus.STORED) return null;
    return `${ctx.deps.reminders.publicUrl()}${ctx.deps.reminders.links.imagePath(snapshot.date)}`;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The same link as imageUrl, relative to the server (for the dashboard).',
  })
  imagePath(@Root() snapshot: DailySnapshot, @Ctx() ctx: Context): string | null {
    return snapshot.imageStatus === SnapshotImageStatus.STORED
      ? ctx.deps.reminders.links.imagePath(snapshot.date)
      : null;
  }

  @FieldResolver(() => Wallboard, {
    description:
      'The bureau-wide wallboard as it stood when the snapshot was taken (the live wallboard’s own computation, frozen); query it exactly like `wallboard`.',
  })
  wallboard(@Root() snapshot: DailySnapshot): Wallboard {
    return dataOf(snapshot).wallboard;
  }

  @FieldResolver(() => SnapshotWindows, { description: 'The windows the frozen figures used (for their labels).' })
  windows(@Root() snapshot: DailySnapshot): SnapshotWindows {
    return dataOf(snapshot).windows;
  }

  @FieldResolver(() => SnapshotDisplays, {
    description: 'The three displays as frozen, naming enterprises and hazards.',
  })
  displays(@Root() snapshot: DailySnapshot): SnapshotDisplays {
    return dataOf(snapshot).displays;
  }

  @FieldResolver(() => String, { description: 'The bureau the snapshot is titled with (BUREAU_NAME).' })
  bureauName(@Ctx() ctx: Context): string {
    return ctx.deps.env.reminders.bureauName;
  }

  @FieldResolver(() => String, {
    description: 'The bureau’s time zone (BUREAU_TZ), in which the page shows the times.',
  })
  timeZone(@Ctx() ctx: Context): string {
    return ctx.deps.env.bureauTz;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who asked for it on demand; null when its timer took it.',
  })
  async takenBy(@Root() snapshot: DailySnapshot): Promise<User | null> {
    return (await snapshot.takenBy?.load()) ?? null;
  }
}
