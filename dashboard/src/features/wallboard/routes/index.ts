import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '../../../gql/generated.js';
import { BUREAU_ROLES } from '../../auth/composables/roles.js';

/** Who may put a wallboard on a TV: the server's kiosk rule (modules/kiosk). */
export const KIOSK_ROLES: readonly Role[] = ['DIRECTOR', 'ADMIN', 'DEPUTY_LEADER', 'SECTION_CHIEF'];

/** Full screen, outside the app shell: a TV in the bureau (signed in, or by kiosk link) or a phone in the field. */
export const wallboardRoutes: RouteRecordRaw[] = [
  {
    path: '/wallboard',
    name: 'wallboard',
    component: () => import('../components/WallboardPage.vue'),
    meta: { roles: BUREAU_ROLES, kiosk: true },
  },
];

/** Inside the app shell. */
export const kioskRoutes: RouteRecordRaw[] = [
  {
    path: 'kiosk-links',
    name: 'kiosk-links',
    component: () => import('../components/KioskLinksPage.vue'),
    meta: { roles: KIOSK_ROLES },
  },
];
