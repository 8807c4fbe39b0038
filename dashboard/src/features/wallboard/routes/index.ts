import type { RouteRecordRaw } from 'vue-router';

/** Full screen, outside the app shell: a TV in the bureau (signed in, or by kiosk link) or a phone in the field. */
export const wallboardRoutes: RouteRecordRaw[] = [
  {
    path: '/wallboard',
    name: 'wallboard',
    component: () => import('../components/WallboardPage.vue'),
    meta: { can: 'wallboard', kiosk: true },
  },
];

/** Inside the app shell. */
export const kioskRoutes: RouteRecordRaw[] = [
  {
    path: 'kiosk-links',
    name: 'kiosk-links',
    component: () => import('../components/KioskLinksPage.vue'),
    meta: { can: 'kioskLinks' },
  },
];
