import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { HazardQuery } from '../../../gql/generated.js';
import { createAppI18n } from '../../../i18n/index.js';
import type { Viewer } from '../../auth/composables/viewer.js';
import HazardActions from './HazardActions.vue';

type Hazard = NonNullable<HazardQuery['hazard']>;

const hazard = (grade: Hazard['grade'], status: Hazard['status']): Hazard => ({
  id: 'h1',
  title: '储罐区静电接地不良',
  description: null,
  location: '储罐区',
  grade,
  status,
  source: 'SELF_INSPECTION',
  overdue: false,
  backfilled: false,
  rectifiedOnSpot: false,
  discoveredAt: '2026-11-28T01:00:00Z',
  filedAt: '2026-11-28T01:05:00Z',
  queuedAt: null,
  deadline: '2099-12-03T15:59:59Z',
  submittedAt: null,
  closedAt: null,
  measures: '重新敷设接地线',
  responsiblePerson: '张三',
  rejectionReason: null,
  confirmingRole: grade === 'MAJOR' ? 'DIRECTOR' : grade === 'SECOND' ? 'DEPUTY_LEADER' : 'SECTION_CHIEF',
  photos: [],
  extensions: [],
  filedBy: null,
  governancePlan: null,
  enterprise: {
    id: 'e001',
    name: '化工一厂',
    code: 'e001',
    department: { id: 'd1', name: '一科', leader: { id: 'leader1', displayName: '王' }, chief: null },
  },
  history: [],
});
const viewer = (role: Viewer['role'], extra: Partial<Viewer> = {}): Viewer => ({
  id: `${role}-id`,
  username: role.toLowerCase(),
  displayName: role,
  role,
  mustChangePassword: false,
  can: { administer: role === 'ADMIN', readAdministration: role === 'ADMIN' || role === 'DIRECTOR' },
  department: null,
  enterprise: null,
  ...extra,
});

function buttons(h: Hazard, v: Viewer): string[] {
  const wrapper = mount(HazardActions, {
    props: { hazard: h, viewer: v },
    global: { plugins: [createAppI18n('zh-CN')] },
  });
  return wrapper.findAll('button').map((b) => b.attributes('data-test') ?? '');
}

describe('the actions offered on a hazard page', () => {
  it('offers the section chief of the department verification of a THIRD hazard awaiting it', () => {
    const chief = viewer('SECTION_CHIEF', { department: { id: 'd1', name: '一科', number: 1 } });
    expect(buttons(hazard('THIRD', 'PENDING_VERIFICATION'), chief)).toEqual([
      'verify-accept',
      'verify-reject',
      'regrade',
    ]);
  });

  it('does not offer a section chief verification of a MAJOR hazard', () => {
    const chief = viewer('SECTION_CHIEF', { department: { id: 'd1', name: '一科', number: 1 } });
    expect(buttons(hazard('MAJOR', 'PENDING_VERIFICATION'), chief)).toEqual([]);
  });

  it('offers the director verification of a MAJOR hazard', () => {
    expect(buttons(hazard('MAJOR', 'PENDING_VERIFICATION'), viewer('DIRECTOR'))).toContain('verify-accept');
  });

  it('offers the enterprise rectification and extension, in Chinese', () => {
    const enterprise = viewer('ENTERPRISE', {
      enterprise: { id: 'e001', name: '化工一厂', code: 'e001', department: { id: 'd1', name: '一科' } },
    });
    const wrapper = mount(HazardActions, {
      props: { hazard: hazard('THIRD', 'RECTIFYING'), viewer: enterprise },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    expect(wrapper.text()).toContain('提交整改');
    expect(wrapper.text()).toContain('申请延期');
  });

  it('asks a reason before sending a rectification back', async () => {
    const chief = viewer('SECTION_CHIEF', { department: { id: 'd1', name: '一科', number: 1 } });
    const wrapper = mount(HazardActions, {
      props: { hazard: hazard('THIRD', 'PENDING_VERIFICATION'), viewer: chief },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    await wrapper.find('[data-test="verify-reject"]').trigger('click');
    await wrapper.find('[data-test="action-form"]').trigger('submit');
    expect(wrapper.find('[data-test="action-error"]').text()).toBe('请填写理由。');
  });

  it('shows nothing to an analyst', () => {
    const wrapper = mount(HazardActions, {
      props: { hazard: hazard('THIRD', 'PENDING_VERIFICATION'), viewer: viewer('ANALYST') },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    expect(wrapper.find('[data-test="actions"]').exists()).toBe(false);
  });
});
