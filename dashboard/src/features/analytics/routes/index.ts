import type { RouteRecordRaw } from 'vue-router';

/** GraphiQL (React) is heavy: it lives in its own lazy chunk and only this page loads it. */
export const analyticsRoutes: RouteRecordRaw[] = [
  {
    path: 'analyst',
    name: 'analyst',
    component: () => import('../components/AnalystPage.vue'),
    meta: { can: 'graphiql' },
  },
];
