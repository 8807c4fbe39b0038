import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds buckets for request and operation durations: from a cached read to a slow export. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds buckets for lags: an event crossing Redis, a timer woken late by a busy loop. */
const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 15, 60, 300];

/** What `/metrics` reads live, from whatever runs in this process (set by startApp once it runs). */
export interface MetricSources {
  openSockets(): number;
  isLeader(): boolean;
}

/**
 * One registry per server (tests run several in one process): HTTP requests and GraphQL operations
 * by name and outcome, their durations, open sockets, event-delivery lag, the timer leader and the
 * alert watcher's lateness, plus Node's own (memory, event-loop lag, handles).
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hazardloop_' });
  let sources: MetricSources = { openSockets: () => 0, isLeader: () => false };

  const httpRequests = new Counter({
    name: 'hazardloop_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'hazardloop_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer.',
    labelNames: ['method', 'route'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const operations = new Counter({
    name: 'hazardloop_graphql_operations_total',
    help: 'GraphQL operations, by transport, operation name (anonymous: "-") and outcome (ok or the error code).',
    labelNames: ['transport', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'hazardloop_graphql_operation_duration_seconds',
    help: 'Time to answer one GraphQL operation over HTTP, by operation name.',
    labelNames: ['operation'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'hazardloop_open_sockets',
    help: 'Signed-in WebSocket connections open on this process.',
    registers: [registry],
    collect() {
      this.set(sources.openSockets());
    },
  });
  new Gauge({
    name: 'hazardloop_timer_leader',
    help: '1 while this process is the timer leader (alerts, deadlines, reminders, photo expiry), else 0.',
    registers: [registry],
    collect() {
      this.set(sources.isLeader() ? 1 : 0);
    },
  });
  const deliveryLag = new Histogram({
    name: 'hazardloop_event_delivery_lag_seconds',
    help: "Time from an event's commit to its delivery to this process's subscribers (Redis transit and gap reads included).",
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const watcherLateness = new Histogram({
    name: 'hazardloop_alert_watcher_lateness_seconds',
    help: 'How long after a display fell due the alert watcher woke up to raise or clear it.',
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const uploadsRefused = new Counter({
    name: 'hazardloop_uploads_refused_total',
    help: 'Photo uploads refused, by reason (rate, size, type, other).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const photosExpired = new Counter({
    name: 'hazardloop_photos_expired_total',
    help: 'Unattached photos removed after UNATTACHED_PHOTO_TTL.',
    registers: [registry],
  });

  return {
    registry,
    httpRequests,
    httpDuration,
    operations,
    operationDuration,
    deliveryLag,
    watcherLateness,
    uploadsRefused,
    photosExpired,
    setSources(next: MetricSources) {
      sources = next;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
