import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES, SUPERVISOR_ROLES } from '../../auth/composables/roles.js';

export const supervisionRoutes: RouteRecordRaw[] = [
  {
    path: 'enterprises/:id',
    name: 'enterprise',
    component: () => import('../components/EnterpriseDetailPage.vue'),
    props: true,
    meta: { roles: BUREAU_ROLES },
  },
  {
    path: 'enterprises/:id/inspection',
    name: 'record-inspection',
    component: () => import('../components/RecordInspectionPage.vue'),
    props: true,
    meta: { roles: SUPERVISOR_ROLES },
  },
  {
    path: 'enterprises/:id/enforcement',
    name: 'record-enforcement',
    component: () => import('../components/RecordEnforcementPage.vue'),
    props: true,
    meta: { roles: SUPERVISOR_ROLES },
  },
  {
    path: 'agenda',
    name: 'agenda',
    component: () => import('../components/AgendaPage.vue'),
    meta: { roles: BUREAU_ROLES },
  },
];
