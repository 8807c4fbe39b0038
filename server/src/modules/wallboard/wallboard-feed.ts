import type { AsyncQueue } from '../common/async-queue.js';
import type { Scope } from '../auth/scope.js';
import type { Wallboard } from './wallboard.type.js';

/** What writers need of the live wallboards: recompute them after a change that carries no event. */
export interface WallboardInvalidator {
  invalidateAll(): void;
}

/** The live wallboards (wallboard-hub.ts) as requests see them. */
export interface WallboardFeed extends WallboardInvalidator {
  /** The stream of this scope's wallboards: the current one first, then one after each (coalesced) change. */
  watch(scope: Scope): AsyncQueue<Wallboard>;
}
