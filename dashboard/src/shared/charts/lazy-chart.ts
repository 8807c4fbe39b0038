import { defineAsyncComponent } from 'vue';

/**
 * The chart component, loaded with the first chart a page draws. Every page imports it through here,
 * never `echarts.ts` directly: the field app's precached shell (app-shell.ts) then leaves ECharts out,
 * as it leaves GraphiQL out; the wallboard and the analysts' pages are online anyway.
 */
export const VChart = defineAsyncComponent(() => import('./echarts.js').then((m) => m.VChart));
