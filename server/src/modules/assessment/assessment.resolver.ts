import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { assertMayManageAssessment } from '../auth/permissions.js';
import { Bulletin } from '../reminders/bulletin.entity.js';
import { AssessmentKind } from './assessment.enums.js';
import {
  assessment,
  closedPeriods,
  closePeriod,
  saveScheme,
  schemeInForce,
  schemeVersions,
} from './assessment.service.js';
import { AssessmentPeriod, AssessmentScheme, AssessmentSchemeInput, AssessmentScore } from './scheme.types.js';

@Resolver()
export class AssessmentResolver {
  @Query(() => AssessmentScheme, { description: 'The scheme in force for a kind of subject. Staff only.' })
  assessmentScheme(
    @Arg('kind', () => AssessmentKind) kind: AssessmentKind,
    @Ctx() ctx: Context,
  ): Promise<AssessmentScheme> {
    requireViewer(ctx);
    return schemeInForce(ctx.em, kind);
  }

  @Query(() => [AssessmentScheme], {
    description: 'Every version of a kind’s scheme, newest first, the built-in default last.',
  })
  assessmentSchemeVersions(
    @Arg('kind', () => AssessmentKind) kind: AssessmentKind,
    @Ctx() ctx: Context,
  ): Promise<AssessmentScheme[]> {
    requireViewer(ctx);
    return schemeVersions(ctx.em, kind);
  }

  @Query(() => [AssessmentScore], {
    description:
      'Each subject’s score (0–100, the sum of its items’ points), bureau-wide rank and items for [from, to]: the frozen results if that period was closed, else computed now with the scheme in force. You see the subjects of your scope. Staff only.',
  })
  assessment(
    @Arg('kind', () => AssessmentKind) kind: AssessmentKind,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Ctx() ctx: Context,
  ): Promise<AssessmentScore[]> {
    return assessment(ctx.em, ctx.deps, requireViewer(ctx), kind, from, to);
  }

  @Query(() => [AssessmentPeriod], {
    description: 'The closed periods of a kind, latest first (a subject’s trend). Staff only.',
  })
  assessmentPeriods(
    @Arg('kind', () => AssessmentKind) kind: AssessmentKind,
    @Ctx() ctx: Context,
  ): Promise<AssessmentPeriod[]> {
    return closedPeriods(ctx.em, requireViewer(ctx), kind);
  }

  @Mutation(() => AssessmentScheme, {
    description:
      'Saves a new version of a kind’s scheme (points adding up to 100); earlier versions are kept. Director and admin only.',
  })
  saveAssessmentScheme(
    @Arg('input', () => AssessmentSchemeInput) input: AssessmentSchemeInput,
    @Ctx() ctx: Context,
  ): Promise<AssessmentScheme> {
    const viewer = requireViewer(ctx);
    assertMayManageAssessment(viewer);
    return saveScheme(ctx.em, ctx.deps, viewer, input);
  }

  @Mutation(() => AssessmentPeriod, {
    description:
      'Closes a finished period: its results are computed once, stored and entered in the audit chain, and never recomputed. Director and admin only.',
  })
  closeAssessmentPeriod(
    @Arg('kind', () => AssessmentKind) kind: AssessmentKind,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Ctx() ctx: Context,
  ): Promise<AssessmentPeriod> {
    const viewer = requireViewer(ctx);
    assertMayManageAssessment(viewer);
    return closePeriod(ctx.em, ctx.deps, viewer, kind, from, to);
  }
}

@Resolver(() => Bulletin)
export class BulletinAssessmentResolver {
  @FieldResolver(() => [AssessmentPeriod], {
    description:
      'The latest assessment period of each kind closed by the time the bulletin was issued, as frozen (R16).',
  })
  async assessments(@Root() bulletin: Bulletin, @Ctx() ctx: Context): Promise<AssessmentPeriod[]> {
    const viewer = requireViewer(ctx);
    const latest = await Promise.all(
      Object.values(AssessmentKind).map(
        async (kind) => (await closedPeriods(ctx.em, viewer, kind, bulletin.issuedAt))[0],
      ),
    );
    return latest.filter((p): p is AssessmentPeriod => Boolean(p));
  }
}
