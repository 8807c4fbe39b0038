import type { RouteRecordRaw } from 'vue-router';

export const enterpriseRoutes: RouteRecordRaw[] = [
  {
    path: 'enterprises',
    name: 'enterprises',
    component: () => import('../components/EnterprisesPage.vue'),
    meta: { can: 'enterprises' },
  },
];
