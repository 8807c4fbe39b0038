import { Field, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

@ObjectType({
  description:
    'A signed-in session. Send the token as `Authorization: Bearer <token>` (or `connectionParams.authorization` on the socket).',
})
export class Session {
  @Field({ description: 'Opaque bearer token; shown once, stored by the server only as a hash.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}
