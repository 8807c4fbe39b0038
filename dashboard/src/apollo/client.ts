import { ApolloClient, HttpLink, InMemoryCache, split } from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { authToken } from '../features/auth/session.js';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

/** Queries and mutations over HTTP, subscriptions over graphql-ws; both carry the session token. */
export const apolloClient = new ApolloClient({
  link: split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(createClient({ url: wsUrl, lazy: true, retryAttempts: Infinity, connectionParams: () => ({ authorization: authToken.value ? `Bearer ${authToken.value}` : undefined }) })),
    new HttpLink({
      uri: '/graphql',
      fetch: (uri, init) => {
        const headers = new Headers(init?.headers);
        if (authToken.value) headers.set('authorization', `Bearer ${authToken.value}`);
        return fetch(uri, { ...init, headers });
      },
    }),
  ),
  cache: new InMemoryCache(),
});
