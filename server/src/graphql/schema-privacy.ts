import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Context } from './context.js';
import { beforeExecution, unauthenticated } from './errors.js';

/** Whether a document asks for the schema itself (`__schema`, `__type`); `__typename` is data, not the schema. */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The schema is described to signed-in users only (GraphiQL sends the analyst's token): an
 * anonymous caller learns no field names. Checked per request, not in validation, because Apollo
 * caches a document's validation whoever sent it. Every socket is signed in (ws-server.ts).
 */
export const schemaPrivacyPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document }) {
        if (!contextValue.viewer && asksForSchema(document))
          throw beforeExecution(unauthenticated('common.schemaSignIn'));
      },
    };
  },
};

/** graphql's "Did you mean …?" names fields to a stranger probing the schema; production never says it. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}
