import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../i18n/index.js';
import HistoryTimeline from './HistoryTimeline.vue';

const entry = (seq: number, displayName: string, role: 'SECTION_CHIEF' | 'ENTERPRISE') => ({
  seq,
  at: '2026-11-20T02:00:00Z',
  action: 'hazard.regraded',
  data: JSON.stringify({ from: 'THIRD', to: 'SECOND' }),
  actor: { id: `u${seq}`, displayName, role },
});

describe('a hazard’s history', () => {
  it('says a person’s role once, whether or not the display name already carries it', () => {
    const wrapper = mount(HistoryTimeline, {
      props: { entries: [entry(2, '周文斌（科长）', 'SECTION_CHIEF'), entry(1, '瑞丰化工安全员', 'ENTERPRISE')] },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    const text = wrapper.text();
    expect(text).toContain('周文斌（科长）');
    expect(text).not.toContain('（科长）（科长）');
    // An enterprise's account is named for its role already: 瑞丰化工安全员, not 瑞丰化工安全员（企业安全员）.
    expect(text).toContain('瑞丰化工安全员');
    expect(text).not.toContain('安全员（企业安全员）');
  });
});
