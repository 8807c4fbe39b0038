import type { ApolloClient, NormalizedCacheObject } from '@apollo/client/core';
import { createRouter, createWebHistory, type RouterHistory, type RouteRecordRaw } from 'vue-router';
import AppShell from './components/AppShell.vue';
import { analyticsRoutes } from './features/analytics/routes/index.js';
import { homePathFor, type Permission } from './features/auth/composables/permissions.js';
import { loadViewer } from './features/auth/composables/viewer.js';
import { kioskToken } from './features/auth/composables/session.js';
import { authRoutes } from './features/auth/routes/index.js';
import { enterpriseRoutes } from './features/enterprises/routes/index.js';
import { fieldRoutes } from './features/field/routes/index.js';
import { hazardRoutes } from './features/hazards/routes/index.js';
import { riskRegisterRoutes } from './features/risk/register/routes/index.js';
import { supervisionRoutes } from './features/supervision/routes/index.js';
import { riskSupervisionRoutes } from './features/risk/supervision/routes/index.js';
import { adminRoutes } from './features/admin/routes/index.js';
import { snapshotPageRoutes, snapshotRoutes } from './features/snapshots/routes/index.js';
import { kioskRoutes, wallboardRoutes } from './features/wallboard/routes/index.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in. */
    public?: boolean;
    /** The `me.can` permission the page needs; the server refuses the data to others anyway (R6). */
    can?: Permission;
    /** Opens with `?kiosk=<token>` instead of a sign-in. */
    kiosk?: boolean;
    /** Sends the user on to their role's start page. */
    home?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  ...authRoutes,
  ...wallboardRoutes,
  ...snapshotPageRoutes,
  {
    path: '/',
    component: AppShell,
    children: [
      { path: '', name: 'home', component: { render: () => null }, meta: { home: true } },
      ...hazardRoutes,
      ...fieldRoutes,
      ...riskRegisterRoutes,
      ...enterpriseRoutes,
      ...analyticsRoutes,
      ...snapshotRoutes,
      ...kioskRoutes,
      ...supervisionRoutes,
      ...riskSupervisionRoutes,
      ...adminRoutes,
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** The router with its guards: sign-in first, then the permission the route names (`me.can`). */
export function createAppRouter(
  client: ApolloClient<NormalizedCacheObject>,
  history: RouterHistory = createWebHistory(),
) {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    // A kiosk link opens its wallboard without a sign-in; the server limits the token to the wallboard.
    if (to.meta.kiosk && typeof to.query['kiosk'] === 'string' && to.query['kiosk']) {
      kioskToken.value = to.query['kiosk'];
      return true;
    }
    const viewer = await loadViewer(client);
    if (!viewer) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    // A one-time or initial password must be changed before anything else (R12); the server refuses the rest anyway.
    if (viewer.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' };
    if (to.meta.home) return homePathFor(viewer.can);
    const allowed = to.matched.every((record) => !record.meta.can || viewer.can?.[record.meta.can] === true);
    return allowed ? true : { name: 'forbidden', query: { from: to.fullPath } };
  });
  return router;
}
