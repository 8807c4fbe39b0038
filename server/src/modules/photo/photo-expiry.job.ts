import { log } from '../../config/log.js';
import type { AppDeps } from '../../graphql/context.js';
import { expireUnattachedPhotos } from './photo.service.js';

/** How often the leader looks for expired photos; the setting is in hours, so minutes are prompt enough. */
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Removes photos left unattached past UNATTACHED_PHOTO_TTL (an upload whose filing never came).
 * A timer of the leader: one process of an installation sweeps. Tests call `sweep()` after moving
 * a ManualClock.
 */
export class PhotoExpiry {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<number> = Promise.resolve(0);

  constructor(private readonly deps: AppDeps) {}

  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** One pass now (after the one running, if any); resolves with the number of photos removed. */
  sweep(): Promise<number> {
    const { orm, publisher, env, clock, metrics } = this.deps;
    this.current = this.current.then(async () => {
      let total = 0;
      try {
        for (;;) {
          const removed = await expireUnattachedPhotos(orm.em.fork(), publisher, env, clock.now());
          total += removed;
          if (removed === 0) break;
        }
      } catch (error) {
        log.error('photo expiry: a pass failed; it runs again on the next sweep', error);
      }
      if (total > 0) {
        metrics.photosExpired.inc(total);
        log.info(`photo expiry: removed ${total} photos never attached to a hazard`);
      }
      return total;
    });
    return this.current;
  }
}
