import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, Kind, type DocumentNode } from 'graphql';
import type { Context, Viewer } from '../../graphql/context.js';
import { beforeExecution, passwordChangeRequired } from '../../graphql/errors.js';

/** What a user whose password must change may still do (R12, api.md). */
const OPEN_FIELDS: ReadonlySet<string> = new Set(['me', 'changePassword', 'logout', '__typename']);

/** True when this viewer must change the password first and the operation asks for anything else. */
export function mustChangePasswordFirst(viewer: Viewer | null, document: DocumentNode, operationName?: string | null) {
  if (!viewer?.user.mustChangePassword || viewer.kiosk) return false;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return true;
  if (operation.operation === 'subscription') return true;
  return operation.selectionSet.selections.some(
    (selection) => selection.kind !== Kind.FIELD || !OPEN_FIELDS.has(selection.name.value),
  );
}

/** Over HTTP; the socket asks mustChangePasswordFirst in onSubscribe. */
export const passwordGatePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operationName }) {
        if (mustChangePasswordFirst(contextValue.viewer, document, operationName))
          throw beforeExecution(passwordChangeRequired());
      },
    };
  },
};
