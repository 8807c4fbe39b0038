import type { RouteRecordRaw } from 'vue-router';

/** `/admin`: shown to whoever the server says may read the administration (me.can), writable by admins. */
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: 'admin',
    component: () => import('../components/AdminLayout.vue'),
    meta: { can: 'readAdministration' },
    children: [
      { path: '', redirect: { name: 'admin-registry' } },
      { path: 'registry', name: 'admin-registry', component: () => import('../components/RegistryPage.vue') },
      {
        path: 'import',
        name: 'admin-import',
        component: () => import('../components/ImportWizard.vue'),
        meta: { can: 'administer' },
      },
      { path: 'accounts', name: 'admin-accounts', component: () => import('../components/AccountsPage.vue') },
      { path: 'departments', name: 'admin-departments', component: () => import('../components/DepartmentsPage.vue') },
    ],
  },
];
