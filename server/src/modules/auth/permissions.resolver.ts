import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ExtensionRequest, ExtensionStatus } from '../extension/extension-request.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { HazardGrade } from '../hazard/hazard.enums.js';
import { enterprisePermissions, hazardPermissions, viewerPermissions } from './permissions.js';
import { EnterpriseViewerCan, HazardViewerCan, RoleOption, ViewerCan } from './permissions.types.js';
import { roleFacts } from './role.js';
import { User } from './user.entity.js';

/** `me.can`: served for the signed-in user only; any other user's `can` is null. */
@Resolver(() => User)
export class UserCanResolver {
  @FieldResolver(() => ViewerCan, {
    nullable: true,
    description: 'What you may open and do in the dashboard (on `me`; null on any other user).',
  })
  can(@Root() user: User, @Ctx() ctx: Context): ViewerCan | null {
    const viewer = ctx.viewer;
    return viewer && viewer.user.id === user.id ? viewerPermissions(viewer) : null;
  }
}

@Resolver(() => Hazard)
export class HazardCanResolver {
  @FieldResolver(() => HazardViewerCan, { description: 'What you may do to this hazard now (R4, R5, R8).' })
  async viewerCan(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<HazardViewerCan> {
    const viewer = requireViewer(ctx);
    const enterprise = await hazard.enterprise.loadOrFail();
    const pending = await ctx.em.count(ExtensionRequest, { hazard: hazard.id, status: ExtensionStatus.PENDING });
    return hazardPermissions(
      ctx.em,
      viewer,
      {
        grade: hazard.grade,
        status: hazard.status,
        deadline: hazard.deadline ?? null,
        enterpriseId: enterprise.id,
        departmentId: enterprise.department.id,
        pendingExtension: pending > 0,
        planOwed: hazard.grade === HazardGrade.MAJOR && !hazard.planObjectives,
      },
      ctx.deps.clock.now(),
    );
  }
}

@Resolver(() => Enterprise)
export class EnterpriseCanResolver {
  @FieldResolver(() => EnterpriseViewerCan, { description: 'What you may record for this enterprise.' })
  viewerCan(@Ctx() ctx: Context): EnterpriseViewerCan {
    return enterprisePermissions(requireViewer(ctx));
  }
}

@Resolver(() => RoleOption)
export class RoleOptionResolver {
  @Query(() => [RoleOption], {
    description: 'Every role, with what its accounts are attached to; for the account and department forms.',
  })
  roleOptions(@Ctx() ctx: Context): RoleOption[] {
    requireViewer(ctx);
    return roleFacts();
  }
}
