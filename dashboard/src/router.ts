import { createRouter, createWebHistory } from 'vue-router';
import { snapshotRoutes } from './features/snapshots/routes/index.js';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: () => import('./features/home/HomePage.vue') },
    { path: '/login', component: () => import('./features/auth/LoginPage.vue') },
    ...snapshotRoutes,
  ],
});
