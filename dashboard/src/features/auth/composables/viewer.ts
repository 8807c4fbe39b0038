import type { ApolloClient, NormalizedCacheObject } from '@apollo/client/core';
import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { MeDocument, type MeQuery } from '../../../gql/generated.js';
import { authToken } from './session.js';

export type Viewer = NonNullable<MeQuery['me']>;

/** The signed-in user from the Apollo cache (fetched once per session). */
export function useViewer() {
  const { result, loading } = useQuery(MeDocument, null, () => ({ enabled: !!authToken.value }));
  return { viewer: computed<Viewer | null>(() => result.value?.me ?? null), loading };
}

/** For route guards, outside components: the cached user, or one request to the server. */
export async function loadViewer(client: ApolloClient<NormalizedCacheObject>): Promise<Viewer | null> {
  if (!authToken.value) return null;
  try {
    const { data } = await client.query({ query: MeDocument, fetchPolicy: 'cache-first' });
    return data.me ?? null;
  } catch {
    return null;
  }
}
