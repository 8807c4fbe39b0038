import type { RouteRecordRaw } from 'vue-router';

/**
 * `/snapshot/:date` is public at the router and outside the app shell: it is what headless Chromium
 * opens with a signed token (no sign-in page in between); the server still refuses the data without
 * a staff session or a valid token.
 */
export const snapshotPageRoutes: RouteRecordRaw[] = [
  { path: '/snapshot/:date', name: 'snapshot', component: () => import('../SnapshotPage.vue'), meta: { public: true } },
];

/** The reminder pages inside the app shell, for bureau staff. */
export const snapshotRoutes: RouteRecordRaw[] = [
  {
    path: 'snapshots',
    name: 'snapshots',
    component: () => import('../SnapshotHistoryPage.vue'),
    meta: { can: 'reports' },
  },
  {
    path: 'reminders/dispatch/:weekOf?',
    name: 'dispatch',
    component: () => import('../DispatchPage.vue'),
    meta: { can: 'reports' },
  },
  {
    path: 'reminders/bulletin/:periodStart?',
    name: 'bulletin',
    component: () => import('../BulletinPage.vue'),
    meta: { can: 'reports' },
  },
];
