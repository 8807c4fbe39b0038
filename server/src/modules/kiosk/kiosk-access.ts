import { getOperationAST, Kind, type DocumentNode } from 'graphql';

/**
 * What a kiosk token may ask (R6 still applies): the wallboard, its three displays, and the event
 * stream, read-only. Everything else, every mutation included, is refused.
 */
export const KIOSK_FIELDS: Readonly<Record<'query' | 'subscription', ReadonlySet<string>>> = {
  query: new Set(['wallboard', 'alerts', 'latestEventSeq', '__typename']),
  subscription: new Set(['wallboard', 'events']),
};

/** Why a kiosk may not run this operation, or null when it may. */
export function kioskRefusal(document: DocumentNode, operationName?: string | null): string | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 'Send one operation.';
  if (operation.operation === 'mutation') return 'A kiosk link is read-only: it cannot change anything.';
  const allowed = KIOSK_FIELDS[operation.operation];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !allowed.has(selection.name.value)) {
      const name = selection.kind === Kind.FIELD ? selection.name.value : 'a fragment';
      return `A kiosk link opens the wallboard only (wallboard, alerts, events, latestEventSeq); ${name} needs a sign-in.`;
    }
  }
  return null;
}
