import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../components/LoginPage.vue'), meta: { public: true } },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('../components/ChangePasswordPage.vue'),
  },
  {
    path: '/forbidden',
    name: 'forbidden',
    component: () => import('../components/ForbiddenPage.vue'),
    meta: { public: true },
  },
];
