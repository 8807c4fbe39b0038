import { useApolloClient } from '@vue/apollo-composable';
import { computed, ref, shallowRef } from 'vue';
import { AlertsDocument, type AlertKind, type AlertsQuery } from '../../../gql/generated.js';

/** One of the three displays as the server's `alerts(kind)` gives it (api.md `Alert`). */
export type AlertView = AlertsQuery['alerts'][number];
export type { AlertKind };

/** The three displays for the viewer's scope (R6), as they stand now, from the server's `alerts` query. */
export function useAlerts() {
  const { resolveClient } = useApolloClient();
  const alerts = shallowRef<AlertView[]>([]);
  const loaded = ref(false);

  async function load(fresh = false) {
    const { data } = await resolveClient().query({
      query: AlertsDocument,
      fetchPolicy: fresh ? 'network-only' : 'cache-first',
    });
    alerts.value = data.alerts;
    loaded.value = true;
  }

  const byKind = (kind: AlertKind) => computed(() => alerts.value.filter((a) => a.kind === kind));
  /** Alerts per enterprise id, for badges. */
  const byEnterprise = computed(() => {
    const map = new Map<string, AlertView[]>();
    for (const alert of alerts.value) map.set(alert.enterprise.id, [...(map.get(alert.enterprise.id) ?? []), alert]);
    return map;
  });
  return { alerts, loaded, load, byKind, byEnterprise };
}
