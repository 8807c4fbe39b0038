import type { Context } from './context.js';

type Load<K, V> = (keys: readonly K[]) => Promise<Map<K, V>>;
type Loader<K, V> = (key: K) => Promise<V | undefined>;

/** Loaders live as long as their request: keyed by the request's EntityManager fork. */
const byRequest = new WeakMap<object, Map<string, Loader<unknown, unknown>>>();

/**
 * One query for a field asked of many parents in a request (Enterprise.alerts on a page of 200):
 * the keys asked for before the event loop turns are answered together by `load`.
 */
export function requestLoader<K, V>(ctx: Context, name: string, load: Load<K, V>): Loader<K, V> {
  let loaders = byRequest.get(ctx.em);
  if (!loaders) byRequest.set(ctx.em, (loaders = new Map()));
  let loader = loaders.get(name) as Loader<K, V> | undefined;
  if (!loader) {
    loader = batched(load);
    loaders.set(name, loader as Loader<unknown, unknown>);
  }
  return loader;
}

type Caller<V> = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };

function batched<K, V>(load: Load<K, V>): Loader<K, V> {
  let waiting: Map<K, Caller<V>[]> | null = null;
  return (key) =>
    new Promise((resolve, reject) => {
      if (!waiting) {
        const batch = (waiting = new Map<K, Caller<V>[]>());
        // setImmediate, not a microtask: sibling list items resolve across several promise turns.
        setImmediate(() => {
          waiting = null;
          load([...batch.keys()]).then(
            (values) => batch.forEach((callers, k) => callers.forEach((c) => c.resolve(values.get(k)))),
            (error) => batch.forEach((callers) => callers.forEach((c) => c.reject(error))),
          );
        });
      }
      const callers = waiting.get(key) ?? [];
      callers.push({ resolve, reject });
      waiting.set(key, callers);
    });
}
