import type { RouteRecordRaw } from 'vue-router';

/** GraphiQL (React) is heavy: it lives in its own lazy chunk and only this page loads it. The chart pages are lazy too. */
export const analyticsRoutes: RouteRecordRaw[] = [
  {
    path: 'analyst',
    name: 'analyst',
    component: () => import('../components/AnalystPage.vue'),
    meta: { can: 'graphiql' },
  },
  {
    path: 'analytics',
    name: 'analytics',
    component: () => import('../components/StatsPage.vue'),
    meta: { can: 'reports' },
  },
  {
    path: 'assessment',
    name: 'assessment',
    component: () => import('../components/AssessmentPage.vue'),
    meta: { can: 'reports' },
  },
];
