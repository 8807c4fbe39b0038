import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { DEFAULT_PAGE, MAX_PAGE } from '../modules/common/pagination.js';
import { validationRefusal } from './errors.js';

/**
 * What one operation may cost, in records: two nested full pages (200 × 200, with an object on
 * each record) and no more, as the scope tests traverse hazard → enterprise → hazards.
 */
export const MAX_WEIGHT = 100_000;

/**
 * Fields that compute over a whole scope rather than read a page, weighted by what one call costs
 * next to one record (measured with the demo data: a wallboard ≈ 140 ms, the audit chain ≈ 400 ms
 * and growing with history). Aliasing them is the cheap way to make the server work: these weights
 * are what stop it.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'Query.wallboard': 16_000,
  'Subscription.wallboard': 16_000,
  'Query.stats': 16_000,
  'Query.statsBy': 16_000,
  'Query.statsSeries': 16_000,
  'Query.assessment': 16_000,
  'Query.assessmentPeriods': 4_000,
  'Mutation.closeAssessmentPeriod': 16_000,
  'Query.crossCheck': 16_000,
  'Query.auditChain': 90_000,
  'Query.majorHazardAgenda': 4_000,
  'Query.weeklyDispatch': 4_000,
  'Query.bulletin': 4_000,
  'Query.latestEventSeq': 100,
};

/** Rows a list that is not paged may hold (the whole scope's open displays, the agenda, …); others count 20. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.alerts': 300,
  'Query.majorHazardAgenda': 100,
  'Query.inspections': MAX_PAGE,
  'Query.departments': 10,
  'Query.townships': 30,
  'Query.kioskLinks': 50,
  'Query.statsBy': 100,
  'Query.statsSeries': 400,
};
const DEFAULT_LIST = 20;

function pageSize(args: readonly { name: { value: string }; value: { kind: Kind; value?: unknown } }[]): number {
  const first = args.find((a) => a.name.value === 'first');
  if (!first) return DEFAULT_PAGE;
  // Validation runs before variables are known (and its result is cached per document): assume the largest page.
  return first.value.kind === Kind.INT ? Math.max(Number(first.value.value), 1) : MAX_PAGE;
}

/**
 * The weighted record count of an operation: a page costs `first` × what each of its records asks
 * for, an unpaged list its expected rows × the same, an aggregate its weight. Each fragment is
 * measured once (memoised by name) however often it is spread, so the rule is linear in the
 * document's size.
 */
export function fieldWeightRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const fragments = new Map<string, number>();

  const measure = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += measure(selection.selectionSet, type);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += spread(selection.name.value);
      } else {
        const name = selection.name.value;
        if (name.startsWith('__') || !parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const coordinate = `${parent.name}.${name}`;
        const returns = getNamedType(field.type);
        if (!selection.selectionSet || !isCompositeType(returns)) continue;
        // A page's plumbing (edges, node, pageInfo) is the record itself, already counted by `first`.
        const plumbing = parent.name.endsWith('Connection') || parent.name.endsWith('Edge');
        let rows = 1;
        if (returns.name.endsWith('Connection')) rows = pageSize(selection.arguments ?? []);
        else if (isListType(getNullableType(field.type)) && !plumbing) rows = LIST_SIZES[coordinate] ?? DEFAULT_LIST;
        // An aggregate's weight is paid once per call; each row it returns costs what it asks for.
        total +=
          (FIELD_WEIGHTS[coordinate] ?? 0) + rows * ((plumbing ? 0 : 1) + measure(selection.selectionSet, returns));
      }
    }
    return total;
  };

  const spread = (name: string): number => {
    const known = fragments.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment) return 0;
    fragments.set(name, 0); // a cycle (refused by graphql's own rules) counts nothing on its way round
    const cost = measure(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
    fragments.set(name, cost);
    return cost;
  };

  return {
    OperationDefinition(operation) {
      const root =
        operation.operation === 'query'
          ? schema.getQueryType()
          : operation.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      const cost = measure(operation.selectionSet, root);
      if (cost > MAX_WEIGHT)
        context.reportError(
          validationRefusal('common.queryTooHeavy', { found: Math.round(cost), max: MAX_WEIGHT }, operation),
        );
    },
  };
}
