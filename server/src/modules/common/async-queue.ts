/**
 * A push-to-pull bridge for subscriptions: producers `push`, graphql-ws pulls. When the client goes
 * away, graphql-ws calls `return()`, which runs `onClose` so that the producer lets go.
 */
/** Values handed out between two turns of the event loop. */
const YIELD_EVERY = 32;

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly values: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private done = false;
  private served = 0;

  constructor(private readonly onClose: () => void = () => undefined) {}

  get size(): number {
    return this.values.length;
  }

  get closed(): boolean {
    return this.done;
  }

  push(value: T): void {
    if (this.done) return;
    const take = this.waiting.shift();
    if (take) take({ value, done: false });
    else this.values.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.values.length > 0) {
      const value = this.values.shift()!;
      // Queued values resolve as microtasks: without a macrotask now and then, draining a replay's
      // thousands of events would hold the event loop (and /healthz, and every other request).
      if (++this.served % YIELD_EVERY === 0)
        return new Promise((resolve) => setImmediate(() => resolve({ value, done: false })));
      return Promise.resolve({ value, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Ends the stream: pending pulls finish, later pushes are dropped. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.values.length = 0;
    for (const take of this.waiting.splice(0)) take({ value: undefined, done: true });
    this.onClose();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
