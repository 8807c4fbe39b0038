import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { login, logout } from './auth.service.js';
import { Session } from './session.type.js';
import { User } from './user.entity.js';

@Resolver(() => User)
export class AuthResolver {
  @Mutation(() => Session, {
    description:
      'Signs in. An enterprise account’s sign-in counts as its enterprise’s login (the no-login alert clears). Failed attempts are throttled per account.',
  })
  login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: Context): Promise<Session> {
    return login(ctx, username, password);
  }

  @Mutation(() => Boolean, { description: 'Revokes the token this request was made with.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    await logout(ctx, requireViewer(ctx));
    return true;
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null without a valid token.' })
  me(@Ctx() ctx: Context): User | null {
    return ctx.viewer?.user ?? null;
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: 'The department a section chief or inspector works in.',
  })
  async department(@Root() user: User): Promise<Department | null> {
    return (await user.department?.load()) ?? null;
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: 'The enterprise an enterprise account belongs to.' })
  async enterprise(@Root() user: User): Promise<Enterprise | null> {
    return (await user.enterprise?.load()) ?? null;
  }
}
