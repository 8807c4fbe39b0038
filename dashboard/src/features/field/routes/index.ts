import type { RouteRecordRaw } from 'vue-router';

/** The outbox page: what waits on this phone to be sent, and what the server refused (R17). */
export const fieldRoutes: RouteRecordRaw[] = [
  { path: 'outbox', name: 'outbox', component: () => import('../components/OutboxPage.vue') },
];
