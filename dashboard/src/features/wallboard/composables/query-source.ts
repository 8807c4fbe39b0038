import { useApolloClient } from '@vue/apollo-composable';
import { ref, shallowRef } from 'vue';
import { fetchAllNodes } from '../../../composables/fetch-all.js';
import { DepartmentsDocument, WallboardCountsDocument, WallboardOpenHazardsDocument, WallboardRecentDocument, WallboardTrendDocument } from '../../../gql/generated.js';
import { lastBureauDays, startOfBureauDay } from '../../../shared/bureau-time.js';
import { useAlerts } from '../../alerts/composables/alerts.js';
import { ALERT_WINDOW_MS } from '../../alerts/composables/provisional-alerts.js';
import { departmentRows, figuresOf, tickerFrom, trendDays } from './wallboard-figures.js';
import type { ConnectionState, DepartmentRow, TickerItem, TrendDay, WallboardFigures, WallboardSource } from './wallboard-model.js';

/** How often the interim source asks again; the live source needs no polling. */
export const REFRESH_MS = 15_000;
/** After this long without a successful refresh the board says it is offline (grey). */
const OFFLINE_AFTER_MS = 60_000;

/**
 * The wallboard from today's queries (enterprises, hazards, departments), refreshed every
 * REFRESH_MS. Replaced by the live source when `wallboard` and `events(since)` land.
 */
export function useQueryWallboardSource(refreshMs = REFRESH_MS): WallboardSource {
  const { resolveClient } = useApolloClient();
  const alertsSource = useAlerts();
  const figures = ref<WallboardFigures | null>(null);
  const departments = shallowRef<DepartmentRow[]>([]);
  const trend = shallowRef<TrendDay[]>([]);
  const ticker = shallowRef<TickerItem[]>([]);
  const connection = ref<ConnectionState>('live');
  const lastUpdate = ref<Date | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;

  async function refresh() {
    const client = resolveClient();
    const now = Date.now();
    const days = lastBureauDays(30, now);
    const from = startOfBureauDay(days[0]!).toISOString();
    const recentFrom = new Date(now - 3 * 86_400_000).toISOString();
    const policy = 'network-only' as const;
    const [counts, open, filed, closed, recentFiled, recentClosed, depts] = await Promise.all([
      client.query({ query: WallboardCountsDocument, variables: { onTimeFrom: new Date(now - ALERT_WINDOW_MS).toISOString(), onTimeTo: new Date(now).toISOString() }, fetchPolicy: policy }),
      fetchAllNodes(client, WallboardOpenHazardsDocument, (after) => ({ after }), (d) => d.hazards, policy),
      fetchAllNodes(client, WallboardTrendDocument, (after) => ({ filter: { filedFrom: from }, after }), (d) => d.hazards, policy),
      fetchAllNodes(client, WallboardTrendDocument, (after) => ({ filter: { closedFrom: from }, after }), (d) => d.hazards, policy),
      client.query({ query: WallboardRecentDocument, variables: { filter: { filedFrom: recentFrom } }, fetchPolicy: policy }),
      client.query({ query: WallboardRecentDocument, variables: { filter: { closedFrom: recentFrom, rectifiedOnSpot: false } }, fetchPolicy: policy }),
      client.query({ query: DepartmentsDocument, fetchPolicy: 'cache-first' }),
      alertsSource.load(true),
    ]);
    const enterprises = alertsSource.enterprises.value;
    const alerts = alertsSource.alerts.value;
    const c = counts.data;
    figures.value = figuresOf(
      {
        enterpriseCount: c.enterprises.totalCount,
        openMajor: c.openMajor.totalCount,
        openSecond: c.openSecond.totalCount,
        openThird: c.openThird.totalCount,
        overdueHazards: c.overdue.totalCount,
      },
      enterprises,
      c.due.edges.map((e) => e.node),
      alerts,
      now,
    );
    departments.value = departmentRows(depts.data.departments, enterprises, open, now);
    trend.value = trendDays(filed, closed, now);
    const recent = [...recentFiled.data.hazards.edges, ...recentClosed.data.hazards.edges].map((e) => e.node);
    ticker.value = tickerFrom(recent, enterprises, alerts, now);
  }

  async function tick() {
    try {
      if (connection.value !== 'live') connection.value = 'reconnecting';
      await refresh();
      connection.value = navigator.onLine === false ? 'offline' : 'live';
      lastUpdate.value = new Date();
    } catch {
      const since = lastUpdate.value ? Date.now() - lastUpdate.value.getTime() : Infinity;
      connection.value = since > OFFLINE_AFTER_MS ? 'offline' : 'reconnecting';
    }
    if (!stopped) timer = setTimeout(() => void tick(), connection.value === 'live' ? refreshMs : Math.min(refreshMs, 5_000));
  }

  const wentOffline = () => (connection.value = 'offline');
  const cameBack = () => {
    if (timer) clearTimeout(timer);
    void tick();
  };

  return {
    figures,
    departments,
    alerts: alertsSource.alerts,
    trend,
    ticker,
    connection,
    lastUpdate,
    start() {
      stopped = false;
      window.addEventListener('offline', wentOffline);
      window.addEventListener('online', cameBack);
      void tick();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameBack);
    },
  };
}
