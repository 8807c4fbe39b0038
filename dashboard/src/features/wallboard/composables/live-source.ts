import { useApolloClient } from '@vue/apollo-composable';
import { computed, ref, shallowRef, watch } from 'vue';
import { socketState } from '../../../apollo/client.js';
import { serverNow } from '../../../shared/server-clock.js';
import {
  AlertsDocument,
  EventsDocument,
  LatestEventSeqDocument,
  WallboardDocument,
  WallboardUpdatesDocument,
  type EventKind,
  type EventsSubscription,
} from '../../../gql/generated.js';
import type { AlertView } from '../../alerts/composables/alerts.js';
import {
  departmentRows,
  TICKER_LENGTH,
  type ConnectionState,
  type TickerItem,
  type WallboardFigures,
  type WallboardSource,
} from './wallboard-model.js';

/** Events that can change the three displays; the lists are asked again (once per burst) when one arrives. */
const ALERT_CHANGES: ReadonlySet<EventKind> = new Set<EventKind>([
  'ALERT_RAISED',
  'ALERT_CLEARED',
  'HAZARD_FILED',
  'HAZARD_CLOSED',
  'DEADLINE_MISSED',
  'DEADLINE_EXTENDED',
  'ENTERPRISE_LOGGED_IN',
  'RECTIFICATION_SUBMITTED',
  'HAZARD_REGRADED',
]);
/** Events a ticker shows: what people did and what went wrong, not the bookkeeping around it. */
const SHOWN: ReadonlySet<EventKind> = new Set<EventKind>([
  'HAZARD_FILED',
  'HAZARD_CLOSED',
  'HAZARD_REGRADED',
  'RECTIFICATION_SUBMITTED',
  'RECTIFICATION_REJECTED',
  'DEADLINE_MISSED',
  'DEADLINE_EXTENDED',
  'ENTERPRISE_LOGGED_IN',
  'ENFORCEMENT_RECORDED',
  'ALERT_RAISED',
]);
/** On opening, the ticker is filled from this many past events. */
const BACKFILL = 60;

type Subscription = { unsubscribe(): void };

export function tickerItem(event: EventsSubscription['events']): TickerItem {
  return {
    key: String(event.seq),
    seq: event.seq,
    at: event.at,
    kind: event.kind,
    enterprise: event.enterprise?.name ?? '',
    title: event.hazard?.title,
    grade: event.hazard?.grade,
    alertKind: event.alert?.kind,
    reopened: event.reopened,
  };
}

/** Adds events to the ticker, newest first, each seq once, keeping TICKER_LENGTH. */
export function mergeTicker(ticker: readonly TickerItem[], items: readonly TickerItem[]): TickerItem[] {
  const known = new Set(ticker.map((i) => i.seq));
  const fresh = items.filter((i) => !known.has(i.seq) && SHOWN.has(i.kind));
  if (!fresh.length) return ticker as TickerItem[];
  return [...fresh, ...ticker].sort((a, b) => b.seq - a.seq).slice(0, TICKER_LENGTH);
}

/**
 * The live wallboard: the `wallboard` subscription pushes the figures after every change in scope,
 * `events(since)` feeds the ticker (resuming from the last seq seen when the socket comes back, so
 * nothing is missed), and the three displays are asked again when an event may have changed them.
 * Nothing polls.
 */
export function useLiveWallboardSource(): WallboardSource {
  const { resolveClient } = useApolloClient();
  const figures = shallowRef<WallboardFigures | null>(null);
  const alerts = shallowRef<AlertView[]>([]);
  const ticker = shallowRef<TickerItem[]>([]);
  const lastUpdate = ref<Date | null>(null);
  const online = ref(typeof navigator === 'undefined' || navigator.onLine !== false);
  let lastSeq: number | null = null;
  let subscriptions: Subscription[] = [];
  let alertsTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;

  const connection = computed<ConnectionState>(() => {
    if (!online.value) return 'offline';
    if (socketState.value === 'connected') return 'live';
    if (socketState.value === 'closed') return 'offline';
    return 'reconnecting';
  });

  const touched = () => (lastUpdate.value = serverNow());

  async function loadAlerts() {
    const { data } = await resolveClient().query({ query: AlertsDocument, fetchPolicy: 'network-only' });
    alerts.value = data.alerts;
    touched();
  }
  function alertsSoon() {
    if (alertsTimer) clearTimeout(alertsTimer);
    alertsTimer = setTimeout(() => void loadAlerts().catch(() => undefined), 150);
  }

  function subscribe() {
    for (const s of subscriptions) s.unsubscribe();
    const client = resolveClient();
    const board = client.subscribe({ query: WallboardUpdatesDocument }).subscribe({
      next: ({ data }) => {
        if (!data) return;
        figures.value = data.wallboard;
        touched();
      },
    });
    const events = client
      .subscribe({ query: EventsDocument, variables: { since: lastSeq ?? 0 }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data }) => {
          if (!data) return;
          const event = data.events;
          if (lastSeq !== null && event.seq <= lastSeq) return;
          lastSeq = event.seq;
          ticker.value = mergeTicker(ticker.value, [tickerItem(event)]);
          touched();
          if (ALERT_CHANGES.has(event.kind)) alertsSoon();
        },
      });
    subscriptions = [board, events];
  }

  async function start() {
    const client = resolveClient();
    const [board, seq] = await Promise.all([
      client.query({ query: WallboardDocument, fetchPolicy: 'network-only' }),
      client.query({ query: LatestEventSeqDocument, fetchPolicy: 'network-only' }),
      loadAlerts(),
    ]);
    if (stopped) return;
    figures.value = board.data.wallboard;
    lastSeq = Math.max(0, seq.data.latestEventSeq - BACKFILL);
    touched();
    subscribe();
  }

  // After a drop, graphql-ws reconnects by itself; resubscribe from the last seq seen and ask the lists again.
  let wasDown = false;
  const stopWatch = watch(socketState, (state) => {
    if (stopped) return;
    if (state === 'closed') wasDown = true;
    if (state === 'connected' && wasDown) {
      wasDown = false;
      subscribe();
      alertsSoon();
    }
  });

  const wentOffline = () => (online.value = false);
  const cameBack = () => (online.value = true);

  return {
    figures,
    departments: computed(() => departmentRows(figures.value)),
    alerts,
    trend: computed(() => figures.value?.trend ?? []),
    ticker,
    connection,
    lastUpdate,
    start() {
      stopped = false;
      window.addEventListener('offline', wentOffline);
      window.addEventListener('online', cameBack);
      const attempt = (delay: number) =>
        void start().catch(() => !stopped && setTimeout(() => attempt(Math.min(delay * 2, 30_000)), delay));
      attempt(2_000);
    },
    stop() {
      stopped = true;
      stopWatch();
      for (const s of subscriptions) s.unsubscribe();
      subscriptions = [];
      if (alertsTimer) clearTimeout(alertsTimer);
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameBack);
    },
  };
}
