import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The chart as mounted under a given motion preference; ECharts itself replaced by a probe, its props read. */
async function optionDrawn(reduce: boolean): Promise<Record<string, unknown>> {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: reduce && query.includes('reduce'), media: query }));
  vi.resetModules();
  const { defineComponent, h } = await import('vue');
  vi.doMock('vue-echarts', () => ({
    default: defineComponent({
      name: 'Echarts',
      props: { option: { type: Object, required: true }, autoresize: Boolean },
      setup: () => () => h('div'),
    }),
  }));
  const { VChart } = await import('./echarts.js');
  const wrapper = mount(VChart, {
    props: { option: { series: [{ type: 'bar', data: [1, 2] }] } },
    attrs: { autoresize: true },
  });
  return wrapper.findComponent({ name: 'Echarts' }).props('option') as Record<string, unknown>;
}

describe('a chart and the viewer’s motion preference', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('draws at once, without animation, for a viewer who asked for less motion', async () => {
    expect(await optionDrawn(true)).toMatchObject({ animation: false, series: [{ type: 'bar', data: [1, 2] }] });
  });

  it('keeps the page’s own option otherwise', async () => {
    expect(await optionDrawn(false)).not.toHaveProperty('animation');
  });
});
