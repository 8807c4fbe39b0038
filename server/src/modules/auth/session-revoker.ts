/** Ends the sockets opened with a revoked session, in every process (the event bus carries it). */
export interface SessionRevoker {
  sessionRevoked(sessionId: string): void;
}
