import { describe, expect, it } from 'vitest';
import { hazardRights, mayConfirm, type RightsHazard, type RightsViewer } from './confirming-rights.js';

const dept1 = { id: 'd1', leader: { id: 'leader1' } };
const hazard = (grade: RightsHazard['grade'], status: RightsHazard['status'] = 'PENDING_VERIFICATION'): RightsHazard => ({
  grade,
  status,
  enterprise: { id: 'e001', department: dept1 },
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
    expect(rights).toEqual({ submitRectification: true, requestExtension: true, verify: false, regrade: false, decideExtension: false });
  });

  it('offers an analyst no buttons at all', () => {
    expect(Object.values(hazardRights(analyst, hazard('THIRD'))).some(Boolean)).toBe(false);
  });
});
