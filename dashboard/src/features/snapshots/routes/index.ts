import type { RouteRecordRaw } from 'vue-router';

/**
 * The reminder pages. `/snapshot/:date` is public at the router: it is what headless Chromium opens
 * with a signed token (no sign-in page in between); the server still refuses the data without a
 * staff session or a valid token.
 */
export const snapshotRoutes: RouteRecordRaw[] = [
  { path: '/snapshot/:date', name: 'snapshot', component: () => import('../SnapshotPage.vue'), meta: { public: true } },
  { path: '/snapshots', name: 'snapshots', component: () => import('../SnapshotHistoryPage.vue') },
  { path: '/reminders/dispatch/:weekOf?', name: 'dispatch', component: () => import('../DispatchPage.vue') },
  { path: '/reminders/bulletin/:periodStart?', name: 'bulletin', component: () => import('../BulletinPage.vue') },
];
