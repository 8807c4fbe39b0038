import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { describe, expect, it, vi } from 'vitest';

// happy-dom has no canvas: the chart component is replaced by one that keeps its option, as ECharts would receive it.
vi.mock('../../../shared/charts/echarts.js', () => ({
  VChart: defineComponent({
    name: 'Echarts',
    props: { option: { type: Object, default: null }, autoresize: Boolean },
    setup: () => () => h('div'),
  }),
}));
import { createAppI18n } from '../../../i18n/index.js';
import ConnectionIndicator from './ConnectionIndicator.vue';
import CounterTile from './CounterTile.vue';
import TrendChart from './TrendChart.vue';
import { trendMax, trendOption } from '../composables/trend-option.js';

const i18n = () => ({ global: { plugins: [createAppI18n('zh-CN')] } });

describe('the wallboard’s parts', () => {
  it('says when the connection is offline and when it last updated, in bureau time', () => {
    const wrapper = mount(ConnectionIndicator, {
      props: { state: 'offline', lastUpdate: new Date('2026-11-29T01:41:07Z') },
      ...i18n(),
    });
    expect(wrapper.text()).toBe('已断开 · 最后更新 09:41:07');
    expect(wrapper.attributes('data-state')).toBe('offline');
  });

  it('colours an alert counter red only when it is above zero', () => {
    expect(mount(CounterTile, { props: { label: '超期未整改', value: '2', alarm: true } }).classes()).toContain(
      'alarm',
    );
    expect(mount(CounterTile, { props: { label: '超期未整改', value: '0', alarm: false } }).classes()).not.toContain(
      'alarm',
    );
  });

  it('draws filed and closed as two ECharts lines with their 30-day totals', async () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      filed: i % 3,
      closed: 1,
    }));
    const wrapper = mount(TrendChart, { props: { days }, ...i18n() });
    await flushPromises();
    expect(wrapper.text()).toContain('上报 30');
    expect(wrapper.text()).toContain('销号 30');
    const option = wrapper.findComponent({ name: 'Echarts' }).props('option') as ReturnType<typeof trendOption>;
    const series = option.series as Array<{
      name: string;
      type: string;
      data: number[];
      lineStyle: { type?: unknown };
    }>;
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['上报', 'line'],
      ['销号', 'line'],
    ]);
    expect(series[0]!.data).toEqual(days.map((d) => d.filed));
    expect(series[1]!.lineStyle.type).toEqual([10, 6]); // closed stays dashed, as on the hand-drawn chart
  });

  it('labels every 7th day counted back from today, every 14th on a phone, on a round scale', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      filed: 23,
      closed: 0,
    }));
    const labelled = (narrow: boolean) => {
      const axis = trendOption(days, { filed: 'f', closed: 'c' }, narrow).xAxis as {
        axisLabel: { interval: (i: number) => boolean };
      };
      return days.map((_, i) => i).filter((i) => axis.axisLabel.interval(i));
    };
    expect(labelled(false)).toEqual([1, 8, 15, 22, 29]);
    expect(labelled(true)).toEqual([1, 15, 29]);
    expect(trendMax(days)).toBe(30);
  });
});
