/**
 * The alert watcher's pass, for readers that must see the displays current (a snapshot, a dispatch):
 * in the timer leader it brings the stored displays up to now; elsewhere it resolves at once, since
 * the leader keeps them current.
 */
export interface AlertRefresher {
  tick(): Promise<void>;
}
