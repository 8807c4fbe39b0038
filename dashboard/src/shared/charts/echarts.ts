import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import VChart from 'vue-echarts';

/**
 * The one chart library of the dashboard (the wallboard's trend, the analytics and assessment pages):
 * ECharts through vue-echarts, with only the parts drawn here registered, so that the bundle carries
 * lines, bars, axes, tooltips and legends and nothing else.
 */
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { VChart };
export type { EChartsOption } from 'echarts';
