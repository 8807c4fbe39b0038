// Its own file, without imports: the GraphQL context carries it and the request log fills it.
/** What a request's log line and metrics say beyond method and path; filled in by whoever learns it. */
export interface RequestFacts {
  operation?: string | null;
  userId?: string | null;
}
