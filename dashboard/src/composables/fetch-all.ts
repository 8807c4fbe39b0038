import type { ApolloClient, FetchPolicy, NormalizedCacheObject, OperationVariables, TypedDocumentNode } from '@apollo/client/core';

interface Page<TNode> {
  edges: ReadonlyArray<{ node: TNode }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Every node of a connection, page by page (the server gives at most 200 a page). */
export async function fetchAllNodes<TData, TVars extends OperationVariables, TNode>(
  client: ApolloClient<NormalizedCacheObject>,
  query: TypedDocumentNode<TData, TVars>,
  variables: (after: string | null) => TVars,
  page: (data: TData) => Page<TNode>,
  fetchPolicy: FetchPolicy = 'cache-first',
  maxPages = 25,
): Promise<TNode[]> {
  const nodes: TNode[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const { data } = await client.query({ query, variables: variables(after), fetchPolicy: fetchPolicy as 'cache-first' });
    const connection = page(data);
    for (const edge of connection.edges) nodes.push(edge.node);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}
