import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '../../auth/composables/roles.js';

export const enterpriseRoutes: RouteRecordRaw[] = [
  {
    path: 'enterprises',
    name: 'enterprises',
    component: () => import('../components/EnterprisesPage.vue'),
    meta: { roles: BUREAU_ROLES },
  },
];
