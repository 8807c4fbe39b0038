import type { RouteRecordRaw } from 'vue-router';
import { BUREAU_ROLES } from '../../auth/composables/roles.js';

/** Full screen, outside the app shell: a TV in the bureau or a phone in the field. */
export const wallboardRoutes: RouteRecordRaw[] = [
  { path: '/wallboard', name: 'wallboard', component: () => import('../components/WallboardPage.vue'), meta: { roles: BUREAU_ROLES } },
];
