import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { HazardQuery } from '../../../gql/generated.js';
import { createAppI18n } from '../../../i18n/index.js';
import HazardActions from './HazardActions.vue';

type Hazard = NonNullable<HazardQuery['hazard']>;

type Can = Hazard['viewerCan'];
const NOTHING: Can = {
  submit: false,
  verify: false,
  regrade: false,
  regradeTo: [],
  requestExtension: false,
  decideExtension: false,
  submitGovernancePlan: false,
};

/** A hazard as the server serves it, with what the viewer may do to it (`viewerCan`). */
const hazard = (status: Hazard['status'], can: Partial<Can> = {}): Hazard => ({
  id: 'h1',
  title: '储罐区静电接地不良',
  description: null,
  location: '储罐区',
  grade: 'THIRD',
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
  confirmingRole: 'SECTION_CHIEF',
  viewerCan: { ...NOTHING, ...can },
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

/** The outbox form reads the route (a queued action's return address); a page of its own stands in. */
const router = () =>
  createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] });
const mountActions = (h: Hazard) =>
  mount(HazardActions, { props: { hazard: h }, global: { plugins: [createAppI18n('zh-CN'), router()] } });
const buttons = (h: Hazard): string[] =>
  mountActions(h)
    .findAll('button')
    .map((b) => b.attributes('data-test') ?? '');

describe('the actions offered on a hazard page, from the server’s viewerCan', () => {
  it('offers verification and regrading when the server allows them', () => {
    expect(
      buttons(hazard('PENDING_VERIFICATION', { verify: true, regrade: true, regradeTo: ['SECOND', 'MAJOR'] })),
    ).toEqual(['verify-accept', 'verify-reject', 'regrade']);
  });

  it('offers nothing the server does not allow', () => {
    expect(buttons(hazard('PENDING_VERIFICATION'))).toEqual([]);
    expect(mountActions(hazard('PENDING_VERIFICATION')).find('[data-test="actions"]').exists()).toBe(false);
  });

  it('offers the enterprise rectification and extension, in Chinese', () => {
    const wrapper = mountActions(hazard('RECTIFYING', { submit: true, requestExtension: true }));
    expect(wrapper.text()).toContain('提交整改');
    expect(wrapper.text()).toContain('申请延期');
  });

  it('offers exactly the grades the server lists', async () => {
    const wrapper = mountActions(hazard('RECTIFYING', { regrade: true, regradeTo: ['MAJOR'] }));
    await wrapper.find('[data-test="regrade"]').trigger('click');
    const options = wrapper.findAll('[data-test="action-form"] option').map((o) => o.attributes('value'));
    expect(options).toEqual(['MAJOR']);
  });

  it('offers the enterprise the governance plan a MAJOR hazard owes (R5), and grading up to MAJOR leaves it optional', async () => {
    const owed = { ...hazard('RECTIFYING', { submit: true, submitGovernancePlan: true }), grade: 'MAJOR' as const };
    const wrapper = mountActions(owed);
    expect(buttons(owed)).toContain('submit-plan');
    await wrapper.find('[data-test="submit-plan"]').trigger('click');
    const fields = wrapper.findAll('[data-test="action-form"] textarea').map((f) => f.attributes('name'));
    expect(fields).toEqual(['objectives', 'funding', 'emergencyMeasures']);

    const chief = mountActions(hazard('RECTIFYING', { regrade: true, regradeTo: ['SECOND', 'MAJOR'] }));
    await chief.find('[data-test="regrade"]').trigger('click');
    await chief.find('select[name="grade"]').setValue('MAJOR');
    expect(chief.text()).toContain('也可留空，由企业之后提交');
    expect(chief.find('input[name="objectives"]').attributes('required')).toBeUndefined();
  });

  it('asks a reason before sending a rectification back', async () => {
    const wrapper = mountActions(hazard('PENDING_VERIFICATION', { verify: true }));
    await wrapper.find('[data-test="verify-reject"]').trigger('click');
    await wrapper.find('[data-test="action-form"]').trigger('submit');
    expect(wrapper.find('[data-test="action-error"]').text()).toBe('请填写理由。');
  });
});
