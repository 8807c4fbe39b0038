import { ApolloClient, HttpLink, InMemoryCache, from, split } from '@apollo/client/core';
import { onError } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { CachePersistor, LocalStorageWrapper } from 'apollo3-cache-persist';
import { createClient } from 'graphql-ws';
import { ref } from 'vue';
import { authToken, bearerToken, kioskToken } from '../features/auth/composables/session.js';

/** The WebSocket's state, for the wallboard's connection indicator. */
export type SocketState = 'idle' | 'connecting' | 'connected' | 'closed';
export const socketState = ref<SocketState>('idle');

/** The server refused this screen's kiosk link (revoked or mistyped): the wallboard says so instead of staying grey. */
export const kioskRefused = ref(false);

/** graphql-ws close codes for a missing or refused token. */
const REFUSED_CLOSE_CODES = new Set([4401, 4403]);

const unauthenticatedListeners = new Set<() => void>();

/** Called when the server says the token is no longer good (expired or revoked). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  retryAttempts: Infinity,
  connectionParams: () => ({ authorization: bearerToken() ? `Bearer ${bearerToken()}` : undefined }),
  on: {
    connecting: () => (socketState.value = 'connecting'),
    connected: () => (socketState.value = 'connected'),
    closed: (event) => {
      socketState.value = 'closed';
      if (kioskToken.value && REFUSED_CLOSE_CODES.has((event as CloseEvent | undefined)?.code ?? 0))
        kioskRefused.value = true;
    },
  },
});

const errorLink = onError(({ graphQLErrors }) => {
  if (graphQLErrors?.some((error) => error.extensions?.['code'] === 'UNAUTHENTICATED')) {
    if (kioskToken.value) {
      kioskRefused.value = true;
      return;
    }
    authToken.value = null;
    for (const listener of unauthenticatedListeners) listener();
  }
});

/** Connections are paged by cursor; each page is its own cache entry, keyed by all its arguments. */
const cache = new InMemoryCache();

/**
 * The cache kept on the phone (R17): after a reload with no signal the app still knows who is signed in and
 * shows the pages last seen. Cleared on sign-out; restored in main.ts before the first route.
 */
export const cachePersistor = new CachePersistor({
  cache,
  storage: new LocalStorageWrapper(localStorage),
  key: 'hazardloop.cache',
  maxSize: 2 * 1024 * 1024,
  // Written soon after each change: a phone app is often closed the moment its page has shown.
  debounce: 100,
});
if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void cachePersistor.persist());

/** Queries and mutations over HTTP, subscriptions over graphql-ws; both carry the session token. */
export const apolloClient = new ApolloClient({
  link: from([
    errorLink,
    split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      new GraphQLWsLink(wsClient),
      new HttpLink({
        uri: '/graphql',
        fetch: (uri, init) => {
          const headers = new Headers(init?.headers);
          const token = bearerToken();
          if (token) headers.set('authorization', `Bearer ${token}`);
          // The server's own sentences (error.message) follow the dashboard's language too.
          headers.set('accept-language', document.documentElement.lang || 'zh-CN');
          return fetch(uri, { ...init, headers });
        },
      }),
    ),
  ]),
  cache,
});
