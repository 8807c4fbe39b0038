import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import type { EChartsOption } from 'echarts';
import { CanvasRenderer } from 'echarts/renderers';
import { computed, defineComponent, h } from 'vue';
import ECharts from 'vue-echarts';

/**
 * The one chart library of the dashboard (the wallboard's trend, the analytics and assessment pages):
 * ECharts through vue-echarts, with only the parts drawn here registered, so that the bundle carries
 * lines, bars, axes, tooltips and legends and nothing else.
 */
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * A chart that does not move for a viewer who asked for less motion (WCAG 2.3.3): bars and lines are
 * drawn at once, not grown, so what a screen or a screenshot shows is always the figures themselves.
 */
export const VChart = defineComponent({
  name: 'VChart',
  inheritAttrs: false,
  props: { option: { type: Object as () => EChartsOption, required: true } },
  setup(props, { attrs }) {
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    const option = computed(() => (still ? { ...props.option, animation: false } : props.option));
    return () => h(ECharts, { ...attrs, option: option.value });
  },
});

export type { EChartsOption };
