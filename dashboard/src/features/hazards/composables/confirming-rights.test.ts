import { describe, expect, it } from 'vitest';
import { hazardRights, mayConfirm, regradeChoices, type RightsHazard, type RightsViewer } from './confirming-rights.js';

const dept1 = { id: 'd1', leader: { id: 'leader1' } };
const hazard = (
  grade: RightsHazard['grade'],
  status: RightsHazard['status'] = 'PENDING_VERIFICATION',
): RightsHazard => ({
  grade,
  status,
  deadline: '2099-01-01T00:00:00Z',
  enterprise: { id: 'e001', department: dept1 },
  extensions: [],
});
const director: RightsViewer = { id: 'director', role: 'DIRECTOR' };
const leader1: RightsViewer = { id: 'leader1', role: 'DEPUTY_LEADER' };
const leader2: RightsViewer = { id: 'leader2', role: 'DEPUTY_LEADER' };
const chief1: RightsViewer = { id: 'chief1', role: 'SECTION_CHIEF', department: { id: 'd1' } };
const chief2: RightsViewer = { id: 'chief2', role: 'SECTION_CHIEF', department: { id: 'd2' } };
const inspector1: RightsViewer = { id: 'inspector1', role: 'INSPECTOR', department: { id: 'd1' } };
const e001: RightsViewer = { id: 'u-e001', role: 'ENTERPRISE', enterprise: { id: 'e001' } };
const analyst: RightsViewer = { id: 'analyst', role: 'ANALYST' };

describe('who is offered the confirmation of a hazard (R5)', () => {
  it.each([
    ['MAJOR', director, true],
    ['MAJOR', leader1, false],
    ['MAJOR', chief1, false],
    ['SECOND', leader1, true],
    ['SECOND', leader2, false],
    ['SECOND', director, false],
    ['THIRD', chief1, true],
    ['THIRD', inspector1, true],
    ['THIRD', chief2, false],
    ['THIRD', analyst, false],
  ] as const)('a %s hazard of department 1 is confirmed by %o: %s', (grade, viewer, expected) => {
    expect(mayConfirm(viewer, hazard(grade))).toBe(expected);
  });

  it('offers the enterprise its own rectification and extension buttons, and nothing to confirm', () => {
    const rights = hazardRights(e001, hazard('THIRD', 'RECTIFYING'));
    expect(rights).toEqual({
      submitRectification: true,
      requestExtension: true,
      verify: false,
      regrade: false,
      decideExtension: false,
    });
  });

  it('offers an analyst no buttons at all', () => {
    expect(Object.values(hazardRights(analyst, hazard('THIRD'))).some(Boolean)).toBe(false);
  });

  it('does not offer an extension request after the deadline, or while one awaits a decision', () => {
    const past = { ...hazard('THIRD', 'RECTIFYING'), deadline: '2020-01-01T00:00:00Z' };
    expect(hazardRights(e001, past).requestExtension).toBe(false);
    const asked = { ...hazard('THIRD', 'RECTIFYING'), extensions: [{ status: 'PENDING' }] };
    expect(hazardRights(e001, asked).requestExtension).toBe(false);
    expect(hazardRights(chief1, asked).decideExtension).toBe(true);
    expect(hazardRights(chief1, hazard('THIRD', 'RECTIFYING')).decideExtension, 'nothing to decide').toBe(false);
  });

  it('lets a supervisor grade a hazard up, and down only as its confirming level or the director', () => {
    expect(regradeChoices(inspector1, hazard('SECOND'))).toEqual(['MAJOR']);
    expect(regradeChoices(leader1, hazard('SECOND'))).toEqual(['MAJOR', 'THIRD']);
    expect(regradeChoices(director, hazard('MAJOR'))).toEqual(['SECOND', 'THIRD']);
    expect(regradeChoices(chief1, hazard('MAJOR'))).toEqual([]);
    expect(hazardRights(chief1, hazard('MAJOR')).regrade).toBe(false);
    expect(hazardRights(chief1, hazard('THIRD', 'CLOSED')).regrade).toBe(false);
  });
});
