import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../i18n/index.js';
import type { AlertView } from '../../alerts/composables/alerts.js';
import { tickerItem } from '../composables/live-source.js';
import AlertDisplay from './AlertDisplay.vue';
import EventTicker from './EventTicker.vue';

const DAY = 86_400_000;

function overdueAlert(daysLate: number): AlertView {
  return {
    id: `a${daysLate}`,
    kind: 'OVERDUE',
    since: new Date(Date.now() - daysLate * DAY - 60_000).toISOString(),
    enterprise: {
      id: `e${daysLate}`,
      name: '瑞丰化工有限公司',
      code: 'e003',
      department: {
        id: 'd1',
        name: '危险化学品安全监督管理科',
        leader: { id: 'u1', displayName: '王建国（分管领导）' },
      },
    },
    hazard: { id: `h${daysLate}`, title: '储罐区静电接地失效', grade: 'SECOND', deadline: null },
  };
}

const mountDisplay = (locale: 'zh-CN' | 'en', alerts: AlertView[]) =>
  mount(AlertDisplay, {
    props: { title: 'Overdue', alerts, kind: 'OVERDUE' },
    global: { plugins: [createAppI18n(locale)], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
  });

function noLoginAlert(n: number): AlertView {
  const alert = overdueAlert(n);
  return { ...alert, id: `n${n}`, kind: 'NO_LOGIN', hazard: null };
}

/** A router-link that shows where it goes, so a test can read each link's target. */
const LinkProbe = { props: ['to'], template: '<a :data-to="JSON.stringify(to)"><slot /></a>' };

describe('the words on the wallboard', () => {
  it('links each row to its enterprise or hazard, and “另有 n 家” to the whole list (issue 11 item 6)', () => {
    const mountWith = (kind: 'NO_LOGIN' | 'OVERDUE', alerts: AlertView[]) =>
      mount(AlertDisplay, {
        props: { title: '', alerts, kind },
        global: { plugins: [createAppI18n('zh-CN')], stubs: { RouterLink: LinkProbe } },
      });
    const target = (el: { attributes(name: string): string | undefined }) => JSON.parse(el.attributes('data-to')!);

    const noLogin = mountWith('NO_LOGIN', [1, 2, 3, 4, 5, 6].map(noLoginAlert));
    const rows = noLogin.findAll('[data-test="display-link"]');
    expect(rows.map(target)).toEqual(['e1', 'e2', 'e3'].map((id) => ({ name: 'enterprise', params: { id } })));
    const more = noLogin.get('[data-test="display-more"]');
    expect(more.text()).toBe('另有 3 家');
    expect(target(more)).toEqual({ name: 'enterprises', query: { alerts: 'NO_LOGIN' } });

    const overdue = mountWith('OVERDUE', [1, 2, 3, 4, 5].map(overdueAlert));
    expect(target(overdue.get('[data-test="display-link"]'))).toEqual({ name: 'hazard', params: { id: 'h1' } });
    expect(target(overdue.get('[data-test="display-more"]'))).toEqual({
      name: 'supervision-hazards',
      query: { overdue: 'true' },
    });
  });

  it('says "1 day overdue" and "7 days overdue" in English, and 超期 in Chinese', () => {
    const en = mountDisplay('en', [overdueAlert(1), overdueAlert(7)]);
    const late = en.findAll('.late').map((s) => s.text());
    expect(late).toEqual(['1 day overdue', '7 days overdue']);
    const zh = mountDisplay('zh-CN', [overdueAlert(7)]);
    expect(zh.find('.late').text()).toBe('超期 7 天');
  });

  it('tells a hazard an inspection reopened apart from a rectification the verifier sent back', () => {
    const event = (seq: number, reopened: boolean) =>
      tickerItem({
        seq,
        kind: 'RECTIFICATION_REJECTED',
        at: new Date().toISOString(),
        reopened,
        enterprise: { id: 'e1', name: '瑞丰化工有限公司' },
        hazard: { id: `h${seq}`, title: '储罐区静电接地失效', grade: 'SECOND' },
        alert: null,
      });
    const wrapper = mount(EventTicker, {
      props: { items: [event(2, true), event(1, false)] },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    const latest = wrapper.find('[data-test="ticker-latest"]').text();
    expect(latest).toContain('复查发现「储罐区静电接地失效」未整改，重新整改');
    expect(latest).not.toContain('整改被退回');
    expect(wrapper.find('[data-test="ticker-item"]').text()).toContain('整改被退回「储罐区静电接地失效」');
  });
});
