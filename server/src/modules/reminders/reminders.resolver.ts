import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { DateScalar } from '../../graphql/scalars/date.scalar.js';
import { assertMayIssueReminders, assertMayReadReports } from '../auth/permissions.js';
import { departmentFilter } from '../auth/scope.js';
import { addDays, isoWeekday } from '../common/bureau-time.js';
import { paginate, type Page } from '../common/pagination.js';
import { ReminderTrigger } from '../snapshot/daily-snapshot.entity.js';

import { bureauToday } from '../snapshot/snapshot.service.js';
import { BUREAU_LOCALE } from '../../messages/render.js';
import { Bulletin } from './bulletin.entity.js';
import { renderParts, renderSentence } from './bulletin-text.js';
import { issueBulletin, periodEndedBy } from './bulletin.service.js';
import { issueWeeklyDispatch } from './dispatch.service.js';
import {
  BulletinEntry,
  DispatchDepartment,
  parseReminderJson,
  type DispatchHazard,
  type BulletinData,
  type DispatchData,
} from './reminders.types.js';
import { WeeklyDispatch } from './weekly-dispatch.entity.js';

export const WeeklyDispatchConnection = connectionOf(WeeklyDispatch, 'WeeklyDispatch');
export const BulletinConnection = connectionOf(Bulletin, 'Bulletin');

@Resolver(() => WeeklyDispatch)
export class WeeklyDispatchResolver {
  @Query(() => WeeklyDispatch, {
    nullable: true,
    description:
      'The weekly dispatch of the week starting `weekOf` (a Monday), default the latest; null if none was issued. Staff only; it shows the reader’s departments (R6).',
  })
  async weeklyDispatch(
    @Ctx() ctx: Context,
    @Arg('weekOf', () => DateScalar, { nullable: true }) weekOf?: string,
  ): Promise<WeeklyDispatch | null> {
    assertMayReadReports(requireViewer(ctx));
    if (weekOf) return ctx.em.findOne(WeeklyDispatch, { weekOf });
    return (await ctx.em.find(WeeklyDispatch, {}, { orderBy: { weekOf: 'desc' }, limit: 1 }))[0] ?? null;
  }

  @Query(() => WeeklyDispatchConnection, { description: 'Past weekly dispatches, newest first. Staff only.' })
  weeklyDispatches(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<WeeklyDispatch>> {
    assertMayReadReports(requireViewer(ctx));
    return paginate(
      ctx.em,
      WeeklyDispatch,
      {},
      { first, after },
      { field: 'weekOf', direction: 'desc', type: 'string' },
    );
  }

  @Mutation(() => WeeklyDispatch, {
    description:
      'Issues the weekly dispatch of the week starting `weekOf` (a Monday; default this week) now, unless it exists. Director and admin only.',
  })
  async issueWeeklyDispatch(
    @Ctx() ctx: Context,
    @Arg('weekOf', () => DateScalar, { nullable: true }) weekOf?: string,
  ): Promise<WeeklyDispatch> {
    const viewer = requireViewer(ctx);
    assertMayIssueReminders(viewer);
    const today = bureauToday(ctx.deps);
    const monday = weekOf ?? addDays(today, 1 - isoWeekday(today));
    if (isoWeekday(monday) !== 1) throw badInput('reminders.notMonday', { date: monday }, 'weekOf');
    if (monday > today) throw badInput('reminders.weekNotBegun', { monday, today }, 'weekOf');
    return issueWeeklyDispatch(ctx.em, ctx.deps, monday, {
      trigger: ReminderTrigger.ON_DEMAND,
      actorId: viewer.user.id,
    });
  }

  @FieldResolver(() => [DispatchDepartment], {
    description: 'Each department’s list, limited to the departments the reader sees.',
  })
  departments(@Root() dispatch: WeeklyDispatch, @Ctx() ctx: Context): DispatchDepartment[] {
    const data = parseReminderJson<DispatchData>(dispatch.data);
    const only = departmentFilter(requireViewer(ctx).scope);
    const mine = only ? data.departments.filter((d) => only.includes(d.departmentId)) : data.departments;
    // Dispatches issued before hazards carried the key-target flag read as not flagged.
    const flagged = (list: DispatchHazard[]) => list.map((h) => ({ ...h, keyTarget: h.keyTarget ?? false }));
    return mine.map((d) => ({
      ...d,
      // Dispatches issued before the fourth display (R14) listed no missed checks.
      checksMissed: d.checksMissed ?? [],
      overdue: flagged(d.overdue),
      dueSoon: flagged(d.dueSoon),
      majorOpen: flagged(d.majorOpen),
    }));
  }
}

@Resolver(() => Bulletin)
export class BulletinResolver {
  @Query(() => Bulletin, {
    nullable: true,
    description:
      'The bulletin of the period starting `periodStart` (the 1st or 16th), default the latest; null if none. Staff only.',
  })
  async bulletin(
    @Ctx() ctx: Context,
    @Arg('periodStart', () => DateScalar, { nullable: true }) periodStart?: string,
  ): Promise<Bulletin | null> {
    assertMayReadReports(requireViewer(ctx));
    if (periodStart) return ctx.em.findOne(Bulletin, { periodStart });
    return (await ctx.em.find(Bulletin, {}, { orderBy: { periodStart: 'desc' }, limit: 1 }))[0] ?? null;
  }

  @Query(() => BulletinConnection, { description: 'Past bulletins, newest first. Staff only.' })
  bulletins(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Bulletin>> {
    assertMayReadReports(requireViewer(ctx));
    return paginate(
      ctx.em,
      Bulletin,
      {},
      { first, after },
      { field: 'periodStart', direction: 'desc', type: 'string' },
    );
  }

  @Mutation(() => Bulletin, {
    description:
      'Issues the bulletin of the half-month period starting `periodStart` (the 1st or 16th; default the last period that has ended) now, unless it exists; the enterprises it names become key supervision targets. Director and admin only.',
  })
  async issueBulletin(
    @Ctx() ctx: Context,
    @Arg('periodStart', () => DateScalar, { nullable: true }) periodStart?: string,
  ): Promise<Bulletin> {
    const viewer = requireViewer(ctx);
    assertMayIssueReminders(viewer);
    const start = periodStart ?? periodEndedBy(bureauToday(ctx.deps), ctx.deps.env.bureauTz).start;
    if (!/-(01|16)$/.test(start)) throw badInput('reminders.notPeriodStart', { date: start }, 'periodStart');
    return issueBulletin(ctx.em, ctx.deps, start, { trigger: ReminderTrigger.ON_DEMAND, actorId: viewer.user.id });
  }

  @FieldResolver(() => [String], {
    description: 'The criteria the bulletin applied, as it states them (BULLETIN_CRITERIA, the alert windows).',
  })
  criteria(@Root() bulletin: Bulletin, @Ctx() ctx: Context): string[] {
    const data = parseReminderJson<BulletinData>(bulletin.data);
    const locale = ctx.locale ?? BUREAU_LOCALE;
    return data.criteriaSentences?.map((s) => renderSentence(locale, s)) ?? data.criteria;
  }

  @FieldResolver(() => [BulletinEntry], {
    description: 'The enterprises named, with the reasons; each is a key supervision target for the next period.',
  })
  named(@Root() bulletin: Bulletin, @Ctx() ctx: Context): BulletinEntry[] {
    const locale = ctx.locale ?? BUREAU_LOCALE;
    return parseReminderJson<BulletinData>(bulletin.data).named.map((entry) => ({
      ...entry,
      reasons: entry.reasons.map((r) => ({ kind: r.kind, detail: r.parts ? renderParts(locale, r.parts) : r.detail })),
    }));
  }

  @FieldResolver(() => [String], {
    description: 'Codes of the previous key targets that were not named again and so stopped being key targets.',
  })
  clearedTargets(@Root() bulletin: Bulletin): string[] {
    return parseReminderJson<BulletinData>(bulletin.data).clearedTargets;
  }
}
