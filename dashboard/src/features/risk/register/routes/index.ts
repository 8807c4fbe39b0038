import type { RouteRecordRaw } from 'vue-router';

/** The enterprise's own risk register and checks (R14): its register, a point's check form (the QR target), the QR print view. */
export const riskRegisterRoutes: RouteRecordRaw[] = [
  {
    path: 'risk',
    name: 'risk-register',
    component: () => import('../components/RiskRegisterPage.vue'),
    meta: { can: 'riskRegister' },
  },
  {
    path: 'risk/points/:id/check',
    name: 'record-check',
    component: () => import('../components/RecordCheckPage.vue'),
    props: true,
    meta: { can: 'riskRegister' },
  },
  {
    path: 'risk/qr',
    name: 'risk-qr',
    component: () => import('../components/RiskQrPage.vue'),
    meta: { can: 'riskRegister' },
  },
];
