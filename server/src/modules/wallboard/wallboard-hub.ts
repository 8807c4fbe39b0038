import type { Orm } from '../../config/database.js';
import type { Env } from '../../config/env.js';
import { log } from '../../config/log.js';
import { scopeAllowsEvent, scopeKey, type Scope } from '../auth/scope.js';
import { AsyncQueue } from '../common/async-queue.js';
import type { Clock } from '../common/clock.js';
import type { LiveEvents } from '../event/live-event.js';
import type { WallboardFeed } from './wallboard-feed.js';
import { computeWallboard } from './wallboard.service.js';
import type { Wallboard } from './wallboard.type.js';

/** What the hub reads with: it is built before AppDeps, which holds it. */
export interface WallboardHubDeps {
  orm: Orm;
  env: Env;
  clock: Clock;
}

/** At most one wallboard per scope per this many milliseconds: a burst of changes sends a few updates a second. */
export const WALLBOARD_COALESCE_MS = 250;

class ScopeBoard {
  readonly viewers = new Set<AsyncQueue<Wallboard>>();
  latest: Wallboard | null = null;
  computations = 0;
  private timer: NodeJS.Timeout | undefined;
  private computing = false;
  private dirty = false;

  constructor(
    readonly scope: Scope,
    private readonly deps: WallboardHubDeps,
  ) {}

  /** Something in this scope changed: recompute soon, once, however many changes arrive meanwhile. */
  invalidate(delayMs = WALLBOARD_COALESCE_MS): void {
    this.dirty = true;
    if (this.timer || this.computing) return;
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    this.dirty = false;
    this.computing = true;
    try {
      const { orm, env, clock } = this.deps;
      const board = await computeWallboard(orm.em.fork(), this.scope, env, clock.now());
      this.computations++;
      this.latest = board;
      for (const viewer of this.viewers) viewer.push(board);
    } catch (error) {
      log.error('wallboard: could not compute', error);
    } finally {
      this.computing = false;
    }
    if (this.dirty && this.viewers.size > 0) {
      this.dirty = false;
      this.invalidate();
    }
  }
}

/**
 * Live wallboards. Scopes are few (a department, a leader's departments, everything, one
 * enterprise): each distinct scope's wallboard is computed once per change and the same result
 * is sent to every socket watching that scope.
 */
export class WallboardHub implements WallboardFeed {
  private readonly boards = new Map<string, ScopeBoard>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: WallboardHubDeps,
    bus: LiveEvents,
  ) {
    this.unsubscribe = bus.onEvent((event) => {
      for (const board of this.boards.values()) if (scopeAllowsEvent(board.scope, event)) board.invalidate();
    });
  }

  /** The stream of this scope's wallboards: the current one first, then one after each (coalesced) change. */
  watch(scope: Scope): AsyncQueue<Wallboard> {
    const key = scopeKey(scope);
    let board = this.boards.get(key);
    if (!board) {
      board = new ScopeBoard(scope, this.deps);
      this.boards.set(key, board);
    }
    const owner = board;
    const viewer: AsyncQueue<Wallboard> = new AsyncQueue(() => {
      owner.viewers.delete(viewer);
      if (owner.viewers.size === 0 && this.boards.get(key) === owner) {
        owner.dispose();
        this.boards.delete(key);
      }
    });
    owner.viewers.add(viewer);
    if (owner.latest) viewer.push(owner.latest);
    else owner.invalidate(0);
    return viewer;
  }

  /**
   * Recomputes every watched wallboard: for changes that carry no event of their own (a bulletin
   * naming key targets). Only this process's viewers; the others catch up at their next event.
   */
  invalidateAll(): void {
    for (const board of this.boards.values()) board.invalidate();
  }

  /** How many times each watched scope's wallboard was computed (tests check the sharing). */
  computations(): Record<string, number> {
    return Object.fromEntries([...this.boards].map(([key, board]) => [key, board.computations]));
  }

  close(): void {
    this.unsubscribe();
    for (const board of this.boards.values()) {
      board.dispose();
      for (const viewer of board.viewers) viewer.end();
    }
    this.boards.clear();
  }
}
