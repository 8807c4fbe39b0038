import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';

@ObjectType({
  description: 'The server’s clock and the bureau’s time zone, so that every page counts days as the server does (R1).',
})
export class ServerClock {
  @Field({ description: 'The server’s now (under FAKE_NOW, the fake one): pages keep their offset from it.' })
  now!: Date;

  @Field({ description: 'The bureau’s IANA time zone (BUREAU_TZ), e.g. Asia/Shanghai: dates and “today” are in it.' })
  timeZone!: string;
}

@Resolver()
export class ServerClockResolver {
  @Query(() => ServerClock, { description: 'The server’s clock and the bureau’s time zone; no sign-in needed.' })
  serverClock(@Ctx() ctx: Context): ServerClock {
    return { now: ctx.deps.clock.now(), timeZone: ctx.deps.env.bureauTz };
  }
}
