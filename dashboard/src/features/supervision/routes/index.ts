import type { RouteRecordRaw } from 'vue-router';

export const supervisionRoutes: RouteRecordRaw[] = [
  {
    path: 'enterprises/:id',
    name: 'enterprise',
    component: () => import('../components/EnterpriseDetailPage.vue'),
    props: true,
    meta: { can: 'enterprises' },
  },
  {
    path: 'enterprises/:id/inspection',
    name: 'record-inspection',
    component: () => import('../components/RecordInspectionPage.vue'),
    props: true,
    meta: { can: 'recordInspections' },
  },
  {
    path: 'enterprises/:id/enforcement',
    name: 'record-enforcement',
    component: () => import('../components/RecordEnforcementPage.vue'),
    props: true,
    meta: { can: 'recordEnforcement' },
  },
  {
    path: 'self-inspection',
    name: 'self-inspection',
    component: () => import('../components/RecordInspectionPage.vue'),
    props: { self: true },
    meta: { can: 'ledger' },
  },
  {
    path: 'agenda',
    name: 'agenda',
    component: () => import('../components/AgendaPage.vue'),
    meta: { can: 'agenda' },
  },
];
