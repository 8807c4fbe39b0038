import { conflict } from '../../graphql/errors.js';
import { HazardStatus } from './hazard.enums.js';

/** Everything that can happen to a hazard after it is filed (R4, R5, R8 and the cross-check). */
export type HazardAction =
  'submit' | 'accept' | 'reject' | 'regrade' | 'requestExtension' | 'decideExtension' | 'reopen' | 'submitPlan';

const { RECTIFYING, PENDING_VERIFICATION, CLOSED } = HazardStatus;

/**
 * R4, the one state table: for each action, the states it may start from and the state it leads to.
 * Filing is not here: it creates the hazard, RECTIFYING or (rectified on the spot) CLOSED.
 */
export const TRANSITIONS: Readonly<Record<HazardAction, { from: readonly HazardStatus[]; to: HazardStatus | 'same' }>> =
  {
    submit: { from: [RECTIFYING], to: PENDING_VERIFICATION },
    accept: { from: [PENDING_VERIFICATION], to: CLOSED },
    reject: { from: [PENDING_VERIFICATION], to: RECTIFYING },
    regrade: { from: [RECTIFYING, PENDING_VERIFICATION], to: 'same' },
    requestExtension: { from: [RECTIFYING], to: 'same' },
    decideExtension: { from: [RECTIFYING, PENDING_VERIFICATION], to: 'same' },
    reopen: { from: [CLOSED], to: RECTIFYING },
    // R5: a hazard graded up to MAJOR owes its governance plan while it is open.
    submitPlan: { from: [RECTIFYING, PENDING_VERIFICATION], to: 'same' },
  };

/** The state after `action`, or undefined when the table does not allow it. */
export function nextStatus(status: HazardStatus, action: HazardAction): HazardStatus | undefined {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) return undefined;
  return rule.to === 'same' ? status : rule.to;
}

/** Like nextStatus, but a transition the state does not allow is a CONFLICT that names the state. */
export function requireTransition(status: HazardStatus, action: HazardAction): HazardStatus {
  const next = nextStatus(status, action);
  if (next === undefined) throw conflict(`hazard.transition.${action}`, { status });
  return next;
}
