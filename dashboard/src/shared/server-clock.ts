import type { ApolloClient, NormalizedCacheObject } from '@apollo/client/core';
import { onScopeDispose, readonly, ref } from 'vue';
import { ServerClockDocument } from '../gql/generated.js';

/**
 * The one clock of the dashboard: the server's (R1), so that under FAKE_NOW or a device whose clock
 * is off every page counts days and deadlines as the server does, in the bureau's time zone.
 * Asked once at start-up (`loadServerClock`); pages read it through `serverNow()` or `useServerClock()`.
 */
const state = {
  offsetMs: 0,
  // Until the server answers, the device's own zone: nothing is shown before it does (main.ts waits).
  timeZone: ref(Intl.DateTimeFormat().resolvedOptions().timeZone),
};

/** Sets the clock from the server's answer (and tests set it by hand). */
export function setServerClock(clock: { now: string | Date; timeZone: string }): void {
  state.offsetMs = new Date(clock.now).getTime() - Date.now();
  state.timeZone.value = clock.timeZone;
}

/** Asks the server for its clock and zone; a server that does not answer leaves the device's. */
export async function loadServerClock(client: ApolloClient<NormalizedCacheObject>): Promise<void> {
  try {
    const { data } = await client.query({ query: ServerClockDocument, fetchPolicy: 'network-only' });
    setServerClock(data.serverClock);
  } catch {
    // Offline at start-up: the device's clock and zone until the next load.
  }
}

/** The server's now. */
export function serverNow(): Date {
  return new Date(Date.now() + state.offsetMs);
}

/** The bureau's time zone (BUREAU_TZ on the server). */
export function bureauTimeZone(): string {
  return state.timeZone.value;
}

/** For components: the server's now, ticking every `everyMs`, and the bureau's zone. */
export function useServerClock(everyMs = 1000) {
  const now = ref(serverNow());
  const timer = setInterval(() => (now.value = serverNow()), everyMs);
  onScopeDispose(() => clearInterval(timer));
  return { now: readonly(now), timeZone: readonly(state.timeZone) };
}
