import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES, ENTERPRISE_ROLES } from '../../auth/composables/roles.js';

export const hazardRoutes: RouteRecordRaw[] = [
  {
    path: 'ledger',
    name: 'ledger',
    component: () => import('../components/LedgerPage.vue'),
    meta: { roles: ENTERPRISE_ROLES },
  },
  {
    path: 'hazards/new',
    name: 'file-hazard',
    component: () => import('../components/FileHazardPage.vue'),
    meta: { roles: ENTERPRISE_ROLES },
  },
  { path: 'hazards/:id', name: 'hazard', component: () => import('../components/HazardDetailPage.vue'), props: true },
  {
    path: 'supervision/hazards',
    name: 'supervision-hazards',
    component: () => import('../components/SupervisionHazardsPage.vue'),
    meta: { roles: BUREAU_ROLES },
  },
];
