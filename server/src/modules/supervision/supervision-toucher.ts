/** What writers need of the supervision watcher (R15): classify these enterprises again soon, for a change that emits no event of theirs. */
export interface SupervisionToucher {
  touch(enterpriseIds: Iterable<string>): void;
}
