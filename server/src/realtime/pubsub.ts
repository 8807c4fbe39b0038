import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Orm } from '../config/database.js';
import type { Env } from '../config/env.js';
import { log } from '../config/log.js';
import type { SessionRevoker } from '../modules/auth/session-revoker.js';
import type { EventPublisher } from '../modules/event/change.js';
import { highestSeq } from '../modules/event/event-log.js';
import { EventRecord } from '../modules/event/event-record.entity.js';
import { toLiveEvent, type EventListener, type LiveEvent, type LiveEvents } from '../modules/event/live-event.js';
import type { Clock } from '../modules/common/clock.js';
import type { Metrics } from '../ops/metrics.js';

/** What the bus measures with: the delivery lag is the clock's now less the event's commit instant. */
export interface BusInstruments {
  clock: Clock;
  metrics: Metrics;
}

/** What crosses Redis: JSON, so the instant travels as an ISO string. */
type WireEvent = Omit<LiveEvent, 'at'> & { at: string };

type Topics = { events: WireEvent[]; sessions: string };

interface Transport {
  /** True when other processes listen too (Redis); false when this process is the only listener. */
  shared: boolean;
  publish<T extends keyof Topics>(topic: T, message: Topics[T]): void;
  listen<T extends keyof Topics>(topic: T, listener: (message: Topics[T]) => void): void;
  /** Resolves once this process hears the shared channels (or gives up waiting, logging why). */
  started(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The fan-out of committed events: in-process, or through Redis so that several server processes
 * share them. Every process hands its listeners each event exactly once and in seq order: seq order
 * is commit order, so a gap (an event lost while Redis was away, or one that overtook another) is
 * always already in the event log and is read from there.
 */
export interface EventBus extends EventPublisher, LiveEvents, SessionRevoker {
  onSessionRevoked(listener: (sessionId: string) => void): () => void;
  /** The highest seq handed to listeners in this process. */
  lastSeq(): number;
  /** Resolves once every event published so far has reached the listeners (tests, shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const GAP_PAGE = 500;

const toWire = ({ preloaded: _local, ...event }: LiveEvent): WireEvent =>
  ({ ...event, at: event.at.toISOString() }) as WireEvent;
const fromWire = (event: WireEvent): LiveEvent => ({ ...event, at: new Date(event.at) }) as LiveEvent;

class Bus implements EventBus {
  private readonly listeners = new Set<EventListener>();
  private readonly sessionListeners = new Set<(sessionId: string) => void>();
  private delivered: number;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly orm: Orm,
    private readonly transport: Transport,
    startSeq: number,
    private readonly instruments?: BusInstruments,
  ) {
    this.delivered = startSeq;
    transport.listen('events', (events) => this.receive(events.map(fromWire)));
    transport.listen('sessions', (sessionId) => {
      for (const listener of this.sessionListeners) safely(() => listener(sessionId));
    });
  }

  publish(records: readonly EventRecord[]): void {
    if (records.length === 0 || this.closed) return;
    const events = records.map(toLiveEvent);
    // Local listeners need not wait for the round trip (nor for Redis to be up); the echo is a duplicate and is dropped.
    this.receive(events);
    if (this.transport.shared) this.transport.publish('events', events.map(toWire));
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  sessionRevoked(sessionId: string): void {
    this.transport.publish('sessions', sessionId);
  }

  onSessionRevoked(listener: (sessionId: string) => void): () => void {
    this.sessionListeners.add(listener);
    return () => void this.sessionListeners.delete(listener);
  }

  lastSeq(): number {
    return this.delivered;
  }

  settled(): Promise<void> {
    return this.queue;
  }

  /** Reads from the log whatever was committed but not yet delivered here (after a Redis outage). */
  catchUp(): void {
    this.enqueue(() => this.fill(Number.POSITIVE_INFINITY));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.transport.close();
  }

  private receive(events: LiveEvent[]): void {
    this.enqueue(async () => {
      for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
        if (event.seq <= this.delivered) continue;
        if (event.seq > this.delivered + 1) await this.fill(event.seq);
        this.deliver(event);
      }
    });
  }

  /** Delivers every logged event after the last delivered one and before `before`. */
  private async fill(before: number): Promise<void> {
    for (;;) {
      const em = this.orm.em.fork();
      const rows = await em.find(
        EventRecord,
        { seq: { $gt: this.delivered, ...(Number.isFinite(before) ? { $lt: before } : {}) } },
        { orderBy: { seq: 'asc' }, limit: GAP_PAGE },
      );
      for (const row of rows) this.deliver(toLiveEvent(row));
      if (rows.length < GAP_PAGE) return;
    }
  }

  private deliver(event: LiveEvent): void {
    if (event.seq <= this.delivered) return;
    this.delivered = event.seq;
    if (this.instruments) {
      const lagMs = this.instruments.clock.now().getTime() - event.at.getTime();
      this.instruments.metrics.deliveryLag.observe(Math.max(lagMs, 0) / 1000);
    }
    for (const listener of this.listeners) safely(() => listener(event));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error) => log.error('event bus: could not deliver events', error));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    log.error('event bus: a listener failed', error);
  }
}

function inProcessTransport(): Transport {
  const target = new EventTarget();
  return {
    shared: false,
    publish(topic, message) {
      // A microtask later, so that a publisher never runs listeners on its own stack.
      queueMicrotask(() => target.dispatchEvent(new CustomEvent(topic, { detail: message })));
    },
    listen(topic, listener) {
      target.addEventListener(topic, (event) => listener((event as CustomEvent).detail));
    },
    async started() {},
    async close() {},
  };
}

function redisTransport(env: Env, onReconnect: () => void): Transport {
  const url = env.redisUrl!;
  // Named, so that an operator (or a test) can tell this installation's connections apart in CLIENT LIST.
  const publishClient = new Redis(url, { connectionName: `${env.redisChannel}:publish` });
  // Subscribed commands must wait out an outage instead of failing (stack.md: the ioredis outage trap).
  const subscribeClient = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: `${env.redisChannel}:subscribe`,
  });
  let warned = 0;
  const onError = (error: Error) => {
    if (Date.now() - warned > 10_000) {
      warned = Date.now();
      log.warn(
        `Redis at ${new URL(url).host} is unavailable (${error.message}); events fan out again once it is back.`,
      );
    }
  };
  publishClient.on('error', onError);
  subscribeClient.on('error', onError);
  let connectedBefore = false;
  // Pub/sub drops what is published while a subscriber is away: every (re)connection reads the gap from the log.
  subscribeClient.on('ready', () => {
    if (connectedBefore) log.info('Redis is back: catching up from the event log');
    connectedBefore = true;
    onReconnect();
    // Whatever committed while the channels were being resubscribed is read a moment later.
    setTimeout(onReconnect, 1000).unref();
  });
  // A publish that fails during an outage is logged, never thrown: the event is in the log and is caught up later.
  const safePublisher = {
    publish: (channel: string, message: string) =>
      publishClient.publish(channel, message).catch((error: Error) => onError(error)),
  } as unknown as Redis;
  const target = createRedisEventTarget({ publishClient: safePublisher, subscribeClient });
  const channel = (topic: string) => `${env.redisChannel}:${topic}`;
  return {
    shared: true,
    publish(topic, message) {
      target.dispatchEvent(new CustomEvent(channel(topic), { detail: message }));
    },
    listen(topic, listener) {
      target.addEventListener(channel(topic), (event: CustomEvent) => listener(event.detail));
    },
    async started() {
      const subscribed = subscribeClient.subscribe(channel('events'), channel('sessions'));
      const timeout = new Promise((resolve) => setTimeout(resolve, 5000).unref());
      if (
        (await Promise.race([
          subscribed.then(
            () => true,
            () => false,
          ),
          timeout,
        ])) !== true
      ) {
        log.warn('Redis does not answer yet; starting anyway, events from other processes arrive once it does.');
      }
    },
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

/** The bus for this process: Redis when `REDIS_URL` is set, in-process otherwise. */
export async function createEventBus(env: Env, orm: Orm, instruments?: BusInstruments): Promise<EventBus> {
  const start = await highestSeq(orm.em.fork());
  // The transport's catch-up callback may fire before the bus exists, so it is read through a variable.
  // eslint-disable-next-line prefer-const
  let bus: Bus | undefined;
  const transport = env.redisUrl ? redisTransport(env, () => bus?.catchUp()) : inProcessTransport();
  bus = new Bus(orm, transport, start, instruments);
  await transport.started();
  return bus;
}
