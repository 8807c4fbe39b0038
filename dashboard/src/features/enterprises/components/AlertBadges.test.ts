import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../i18n/index.js';
import AlertBadges from './AlertBadges.vue';

const since = '2026-11-20T02:00:00Z';

describe('the display badges of an enterprise', () => {
  it('shows one badge per display standing, overdue counted, the fourth display included (issue 11 item 3)', () => {
    const wrapper = mount(AlertBadges, {
      props: {
        alerts: [
          { kind: 'CHECKS_MISSED', since },
          { kind: 'OVERDUE', since },
          { kind: 'NO_LOGIN', since },
          { kind: 'OVERDUE', since },
          { kind: 'NO_FILING', since },
        ],
      },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    const badges = wrapper.findAll('.alert');
    expect(badges.map((b) => b.text())).toEqual(['15天未登录', '15天未填报', '超期 2', '排查任务逾期']);
    expect(badges.map((b) => b.attributes('data-test'))).toEqual([
      'alert-NO_LOGIN',
      'alert-NO_FILING',
      'alert-OVERDUE',
      'alert-CHECKS_MISSED',
    ]);
    expect(badges[0]!.attributes('title')).toContain('11-20');
  });

  it('shows nothing for an enterprise with no display', () => {
    const wrapper = mount(AlertBadges, { props: { alerts: [] }, global: { plugins: [createAppI18n('zh-CN')] } });
    expect(wrapper.findAll('.alert')).toHaveLength(0);
  });
});
