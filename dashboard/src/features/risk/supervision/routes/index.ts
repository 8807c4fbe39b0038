import type { RouteRecordRaw } from 'vue-router';

/** The supervisor's side of dual prevention (R14, R15); the enterprise's register pages live in ../register/. */
export const riskSupervisionRoutes: RouteRecordRaw[] = [
  {
    path: 'inspection-plan',
    name: 'inspection-plan',
    component: () => import('../components/InspectionPlanPage.vue'),
    meta: { can: 'inspectionPlan' },
  },
];
