import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { forbidden, type UserError } from '../../graphql/errors.js';

/**
 * What a kiosk token may ask (R6 still applies): the wallboard, its three displays, and the event
 * stream, read-only. Everything else, every mutation included, is refused.
 */
export const KIOSK_FIELDS: Readonly<Record<'query' | 'subscription', ReadonlySet<string>>> = {
  query: new Set(['wallboard', 'alerts', 'latestEventSeq', '__typename']),
  subscription: new Set(['wallboard', 'events']),
};

/**
 * Every field a wallboard on a TV shows, at any depth, and nothing more: an alert's enterprise
 * cannot lead on to its hazards, history or photos. The dashboard's wallboard documents are checked
 * against this list by a test, so the two cannot drift apart.
 */
export const KIOSK_VIEW_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'name',
  'code',
  'number',
  'displayName',
  'title',
  'grade',
  'deadline',
  'kind',
  'since',
  'seq',
  'at',
  'reopened',
  'enterprise',
  'hazard',
  'alert',
  'department',
  'leader',
  'chief',
  'asOf',
  'bureauWide',
  'enterpriseCount',
  'keyTargetCount',
  'openHazards',
  'overdueHazards',
  'openMajor',
  'openSecond',
  'openThird',
  'noLoginCount',
  'noFilingCount',
  'checksMissedCount',
  'checkCompletionRate',
  'checkCompletionRateDetail',
  'riskPointsMajor',
  'riskPointsHigh',
  'riskPointsMedium',
  'riskPointsLow',
  'enterprisesMajorRisk',
  'enterprisesHighRisk',
  'enterprisesMediumRisk',
  'enterprisesLowRisk',
  'loginRate',
  'filingRate',
  'onTimeRate',
  'loginRateDetail',
  'filingRateDetail',
  'onTimeRateDetail',
  'numerator',
  'denominator',
  'value',
  'trend',
  'date',
  'filed',
  'closed',
  'byDepartment',
]);

/** `checked` remembers each fragment's answer, so a fragment spread many times is walked once (no 2ⁿ fan-out). */
function firstForbiddenField(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  checked: Map<string, string | null>,
): string | null {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!KIOSK_VIEW_FIELDS.has(selection.name.value)) return selection.name.value;
      const inner = selection.selectionSet ? firstForbiddenField(selection.selectionSet, fragments, checked) : null;
      if (inner) return inner;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = firstForbiddenField(selection.selectionSet, fragments, checked);
      if (inner) return inner;
    } else {
      const name = selection.name.value;
      if (!checked.has(name)) {
        checked.set(name, null); // a cycle (refused by validation) adds nothing on its way round
        const fragment = fragments.get(name);
        checked.set(name, fragment ? firstForbiddenField(fragment.selectionSet, fragments, checked) : null);
      }
      const inner = checked.get(name);
      if (inner) return inner;
    }
  }
  return null;
}

/** Why a kiosk may not run this operation, or null when it may. */
export function kioskRefusal(document: DocumentNode, operationName?: string | null): UserError | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return forbidden('kiosk.oneOperation');
  if (operation.operation === 'mutation') return forbidden('kiosk.readOnly');
  const allowed = KIOSK_FIELDS[operation.operation];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !allowed.has(selection.name.value)) {
      const name = selection.kind === Kind.FIELD ? selection.name.value : 'a fragment';
      return forbidden('kiosk.wallboardOnly', { name });
    }
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const checked = new Map<string, string | null>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const field = firstForbiddenField(selection.selectionSet, fragments, checked);
    if (field) return forbidden('kiosk.wallboardOnly', { name: field });
  }
  return null;
}
