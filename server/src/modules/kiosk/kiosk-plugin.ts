import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../../graphql/context.js';
import { beforeExecution } from '../common/errors.js';
import { kioskRefusal } from './kiosk-access.js';

/** Over HTTP, a kiosk token runs only the wallboard's operations (the socket checks the same in onSubscribe). */
export const kioskPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operationName }) {
        if (!contextValue.viewer?.kiosk) return;
        const refusal = kioskRefusal(document, operationName);
        if (refusal) throw beforeExecution(refusal);
      },
    };
  },
};
