import type { RouteRecordRaw } from 'vue-router';

export const hazardRoutes: RouteRecordRaw[] = [
  {
    path: 'ledger',
    name: 'ledger',
    component: () => import('../components/LedgerPage.vue'),
    meta: { can: 'ledger' },
  },
  {
    path: 'hazards/new',
    name: 'file-hazard',
    component: () => import('../components/FileHazardPage.vue'),
    meta: { can: 'fileHazards' },
  },
  { path: 'hazards/:id', name: 'hazard', component: () => import('../components/HazardDetailPage.vue'), props: true },
  {
    path: 'supervision/hazards',
    name: 'supervision-hazards',
    component: () => import('../components/SupervisionHazardsPage.vue'),
    meta: { can: 'supervisionHazards' },
  },
];
