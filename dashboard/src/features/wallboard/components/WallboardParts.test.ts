import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../i18n/index.js';
import ConnectionIndicator from './ConnectionIndicator.vue';
import CounterTile from './CounterTile.vue';
import TrendChart from './TrendChart.vue';

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

  it('draws filed and closed as two lines with their 30-day totals', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      filed: i % 3,
      closed: 1,
    }));
    const wrapper = mount(TrendChart, { props: { days }, ...i18n() });
    expect(wrapper.findAll('path')).toHaveLength(2);
    expect(wrapper.text()).toContain('上报 30');
    expect(wrapper.text()).toContain('销号 30');
  });
});
