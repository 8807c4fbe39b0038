import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { User } from '../auth/user.entity.js';
import { Department } from '../department/department.entity.js';
import { KioskLink } from './kiosk-link.entity.js';
import { createKioskLink, listKioskLinks, revokeKioskLink } from './kiosk.service.js';

@ObjectType({ description: 'A new kiosk link. The token is shown this once; only its hash is kept.' })
export class CreatedKioskLink {
  @Field(() => KioskLink)
  link!: KioskLink;

  @Field({ description: 'The secret token; open `path` on the TV.' })
  token!: string;

  @Field({ description: 'The dashboard path that opens the read-only wallboard: /wallboard?kiosk=<token>.' })
  path!: string;
}

@Resolver(() => KioskLink)
export class KioskResolver {
  @Mutation(() => CreatedKioskLink, {
    description:
      'Creates a read-only wallboard link for a TV, for your scope or some of your departments (director, admins, deputy leaders, section chiefs). It opens only the wallboard, its displays and events.',
  })
  async createKioskLink(
    @Arg('label') label: string,
    @Ctx() ctx: Context,
    @Arg('departmentIds', () => [ID], {
      nullable: true,
      description: 'Narrow the wallboard to these departments (within your scope); default: your whole scope.',
    })
    departmentIds?: string[],
  ): Promise<CreatedKioskLink> {
    const { link, token } = await createKioskLink(ctx, label, departmentIds);
    return { link, token, path: `/wallboard?kiosk=${token}` };
  }

  @Mutation(() => KioskLink, {
    description: 'Revokes a kiosk link: it opens nothing from now on, and wallboards open with it are disconnected.',
  })
  revokeKioskLink(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<KioskLink> {
    return revokeKioskLink(ctx, id);
  }

  @Query(() => [KioskLink], { description: 'Kiosk links you created (the director and admins: all), newest first.' })
  kioskLinks(@Ctx() ctx: Context): Promise<KioskLink[]> {
    return listKioskLinks(ctx);
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() link: KioskLink, @Ctx() ctx: Context): Promise<User | null> {
    return ctx.em.findOne(User, link.createdBy.id);
  }

  @FieldResolver(() => [Department], { description: 'The departments the wallboard covers; empty: the whole bureau.' })
  departments(@Root() link: KioskLink, @Ctx() ctx: Context): Promise<Department[]> {
    return link.departmentIds
      ? ctx.em.find(Department, { id: { $in: link.departmentIds } }, { orderBy: { number: 'asc' } })
      : Promise.resolve([]);
  }
}
