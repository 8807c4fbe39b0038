import type { EChartsOption } from '../../../shared/charts/echarts.js';
import { formatMonthDay } from '../../../shared/bureau-time.js';
import type { TrendDay } from './wallboard-model.js';

export interface TrendColours {
  filed: string;
  closed: string;
  grid: string;
  axis: string;
}

/** The wallboard's look (WallboardPage's --wb-* colours), for a chart that cannot read CSS variables. */
export const WALLBOARD_TREND_COLOURS: TrendColours = {
  filed: '#5aa9ff',
  closed: '#eef3fa',
  grid: '#22304a',
  axis: '#93a4bd',
};

/** A round top for the scale, even so that the middle line is a whole number too. */
export function trendMax(days: readonly TrendDay[]): number {
  const top = Math.max(2, ...days.flatMap((d) => [d.filed, d.closed]));
  const step = top <= 10 ? 2 : top <= 40 ? 10 : 20;
  return Math.ceil(top / step) * step;
}

/**
 * Filed (solid) and closed (dashed) per day, as the hand-drawn chart showed them: three grid lines
 * (0, half, top), every 7th day labelled counted back from today (14th on a narrow screen).
 */
export function trendOption(
  days: readonly TrendDay[],
  labels: { filed: string; closed: string },
  narrow: boolean,
  colours: TrendColours = WALLBOARD_TREND_COLOURS,
): EChartsOption {
  const last = days.length - 1;
  const every = narrow ? 14 : 7;
  const max = trendMax(days);
  return {
    animation: false,
    grid: { left: 44, right: 16, top: 12, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: days.map((d) => formatMonthDay(d.date)),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: {
        color: colours.axis,
        fontSize: 18,
        interval: (i: number) => (last - i) % every === 0,
      },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max,
      interval: max / 2,
      axisLabel: { color: colours.axis, fontSize: 18 },
      splitLine: { lineStyle: { color: colours.grid } },
    },
    series: [
      {
        name: labels.filed,
        type: 'line',
        data: days.map((d) => d.filed),
        showSymbol: false,
        lineStyle: { width: 3, color: colours.filed },
        itemStyle: { color: colours.filed },
      },
      {
        name: labels.closed,
        type: 'line',
        data: days.map((d) => d.closed),
        showSymbol: false,
        lineStyle: { width: 3, color: colours.closed, type: [10, 6] },
        itemStyle: { color: colours.closed },
      },
    ],
  };
}
