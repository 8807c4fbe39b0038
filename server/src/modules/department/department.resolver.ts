import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { COUNTED_ENTERPRISE } from '../enterprise/standing.js';
import { requireViewer, type Context } from '../../graphql/context.js';
import { departmentFilter } from '../auth/scope.js';
import { User } from '../auth/user.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Township } from '../township/township.entity.js';
import { Department } from './department.entity.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], {
    description:
      'The bureau’s departments, in number order. `inScope: true`: only those whose enterprises you see (R6), e.g. a section chief’s own, for a filter that offers nothing outside scope.',
  })
  departments(
    @Ctx() ctx: Context,
    @Arg('inScope', () => Boolean, { nullable: true }) inScope?: boolean,
  ): Promise<Department[]> {
    const viewer = requireViewer(ctx);
    const only = inScope ? departmentFilter(viewer.scope) : null;
    return ctx.em.find(Department, only ? { id: { $in: [...only] } } : {}, { orderBy: { number: 'asc' } });
  }

  @Query(() => [Township], { description: 'The townships, by name.' })
  townships(@Ctx() ctx: Context): Promise<Township[]> {
    requireViewer(ctx);
    return ctx.em.find(Township, {}, { orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => User, { nullable: true, description: 'The deputy leader (分管领导) over this department.' })
  async leader(@Root() department: Department): Promise<User | null> {
    return (await department.leader?.load()) ?? null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The section chief (科长) of this department.' })
  async chief(@Root() department: Department): Promise<User | null> {
    return (await department.chief?.load()) ?? null;
  }

  @FieldResolver(() => Int, {
    description: 'How many active enterprises this department supervises (retired ones do not count, R13).',
  })
  enterpriseCount(@Root() department: Department, @Ctx() ctx: Context): Promise<number> {
    return ctx.em.count(Enterprise, { $and: [{ department: department.id }, COUNTED_ENTERPRISE] });
  }
}
