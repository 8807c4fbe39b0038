import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { User } from '../auth/user.entity.js';

@ObjectType({ description: 'An account just created or reset, with its one-time password.' })
export class CreatedUser {
  @Field(() => User)
  user!: User;

  @Field({
    description:
      'The one-time password, returned this once and stored only as a hash; it must be changed at first sign-in.',
  })
  initialPassword!: string;
}

export const UserConnection = connectionOf(User, 'User');
