import { Field, ObjectType } from 'type-graphql';
import type { Viewer } from '../../graphql/context.js';
import { mayAdminister, mayReadAdministration } from '../auth/permissions.js';

/** What the signed-in user may do, as the server decides it, so that pages never copy role lists. */
@ObjectType({ description: 'What the signed-in user may do; pages show or hide actions by these, not by role.' })
export class ViewerCan {
  @Field({ description: 'Create, reset and disable accounts; manage departments, townships and the registry (R12).' })
  administer!: boolean;

  @Field({ description: 'Read the accounts and the administration pages (the admin and the director).' })
  readAdministration!: boolean;
}

export function viewerCan(viewer: Viewer): ViewerCan {
  return { administer: mayAdminister(viewer), readAdministration: mayReadAdministration(viewer) };
}
