import { describe, expect, it } from 'vitest';
import { checkForm, toFilingInput, type FilingForm } from './filing-form.js';

const now = new Date('2026-11-29T01:00:00Z');
const form = (overrides: Partial<FilingForm> = {}): FilingForm => ({
  grade: 'THIRD',
  title: '储罐区静电接地不良',
  location: '储罐区',
  description: '',
  discoveredAt: '2026-11-29T08:30',
  rectifiedOnSpot: false,
  measures: '重新敷设接地线',
  responsiblePerson: '张三',
  deadlineDay: '2026-12-03',
  objectives: '',
  funding: '',
  emergencyMeasures: '',
  ...overrides,
});

describe('filing a hazard from the form', () => {
  it('sends the deadline as the end of the chosen bureau day', () => {
    const input = toFilingInput(form(), 'k1', []);
    expect(input.deadline).toBe('2026-12-03T15:59:59.000Z');
    expect(input.discoveredAt).toBe('2026-11-29T00:30:00.000Z');
    expect(input).not.toHaveProperty('photoIds');
  });

  it('asks for measures, a responsible person and a deadline unless rectified on the spot', () => {
    expect(checkForm(form({ measures: '', responsiblePerson: '', deadlineDay: '' }), now)).toEqual({
      measures: true,
      responsiblePerson: true,
      deadline: true,
    });
    expect(
      checkForm(form({ measures: '', responsiblePerson: '', deadlineDay: '', rectifiedOnSpot: true }), now),
    ).toEqual({});
  });

  it('asks for the governance plan of a major hazard and refuses closing it on the spot', () => {
    expect(checkForm(form({ grade: 'MAJOR' }), now)).toEqual({ governancePlan: true });
    expect(checkForm(form({ grade: 'MAJOR', rectifiedOnSpot: true }), now)).toEqual({ rectifiedOnSpot: true });
  });

  it('refuses a discovery time in the future', () => {
    expect(checkForm(form({ discoveredAt: '2026-11-29T10:00' }), now)).toEqual({ discoveredAt: true });
  });

  it('attaches uploaded photos when there are any', () => {
    expect(toFilingInput(form(), 'k1', ['p1']).photoIds).toEqual(['p1']);
  });
});
