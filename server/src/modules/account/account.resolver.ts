import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { User } from '../auth/user.entity.js';
import type { Page } from '../common/pagination.js';
import { CreateUserInput, UserFilter } from './account.inputs.js';
import { changePassword, createUser, listUsers, resetPassword, setUserActive } from './account.service.js';
import { CreatedUser, UserConnection } from './account.types.js';

@Resolver(() => User)
export class AccountResolver {
  @Query(() => UserConnection, {
    description: 'Accounts by username (R12): the admin and the director only. `first` is at most 200.',
  })
  users(
    @Ctx() ctx: Context,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<User>> {
    return listUsers(ctx.em, requireViewer(ctx), filter, { first, after });
  }

  @Mutation(() => Boolean, {
    description:
      'Changes your own password (R12): at least 10 characters, not the username, not a common password nor the demo password. Ends your other sessions and closes their sockets. A weak newPassword is BAD_USER_INPUT with field newPassword.',
  })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await changePassword(ctx, requireViewer(ctx), currentPassword, newPassword);
    return true;
  }

  @Mutation(() => CreatedUser, {
    description:
      'Opens an account with a one-time password, returned once (admin only). It must be changed at first sign-in.',
  })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<CreatedUser> {
    return createUser(ctx, requireViewer(ctx), input);
  }

  @Mutation(() => CreatedUser, {
    description: 'Gives the account a new one-time password, returned once, and ends its sessions (admin only).',
  })
  resetPassword(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<CreatedUser> {
    return resetPassword(ctx, requireViewer(ctx), userId);
  }

  @Mutation(() => User, {
    description:
      'Disables (false) or enables (true) an account, with a reason for the audit trail (admin only). Disabling ends its sessions at once.',
  })
  setUserActive(
    @Arg('userId', () => ID) userId: string,
    @Arg('active') active: boolean,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return setUserActive(ctx, requireViewer(ctx), userId, active, reason);
  }
}
