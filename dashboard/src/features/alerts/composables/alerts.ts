import { useApolloClient } from '@vue/apollo-composable';
import { computed, ref, shallowRef } from 'vue';
import { EnterprisesDocument, OverdueHazardsDocument } from '../../../gql/generated.js';
import { fetchAllNodes } from '../../../composables/fetch-all.js';
import { provisionalAlerts, type AlertKind, type AlertView, type EnterpriseRow } from './provisional-alerts.js';

/**
 * The three displays for the viewer's scope. Today an estimate (see provisional-alerts.ts); when the
 * server's `alerts(kind)` lands, `load` asks it instead (graphql/pending/alerts.graphql) and the
 * rest of the app does not change.
 */
export function useAlerts() {
  const { resolveClient } = useApolloClient();
  const alerts = shallowRef<AlertView[]>([]);
  const enterprises = shallowRef<EnterpriseRow[]>([]);
  const loaded = ref(false);

  async function load(fresh = false) {
    const client = resolveClient();
    const policy = fresh ? 'network-only' : 'cache-first';
    const [allEnterprises, overdue] = await Promise.all([
      fetchAllNodes(client, EnterprisesDocument, (after) => ({ first: 200, after }), (d) => d.enterprises, policy),
      fetchAllNodes(client, OverdueHazardsDocument, (after) => ({ first: 200, after }), (d) => d.hazards, policy),
    ]);
    enterprises.value = allEnterprises;
    alerts.value = provisionalAlerts(allEnterprises, overdue, Date.now());
    loaded.value = true;
  }

  const byKind = (kind: AlertKind) => computed(() => alerts.value.filter((a) => a.kind === kind));
  /** Alerts per enterprise id, for badges. */
  const byEnterprise = computed(() => {
    const map = new Map<string, AlertView[]>();
    for (const alert of alerts.value) map.set(alert.enterprise.id, [...(map.get(alert.enterprise.id) ?? []), alert]);
    return map;
  });
  return { alerts, enterprises, loaded, load, byKind, byEnterprise, provisional: true };
}
