import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorCallbackConfiguration } from '@escape.tech/graphql-armor-types';
import { type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { MessageKey } from '../messages/render.js';
import { validationRefusal } from './errors.js';
import { fieldWeightRule } from './field-weights.js';

/** Tokens per document: generous for real operations, a wall against a megabyte of aliases (graphql's own lexer counts). */
export const MAX_QUERY_TOKENS = 10_000;
/** Deep enough for hazard → enterprise → hazards → … as the dashboard and analysts use it; no deeper. */
export const MAX_DEPTH = 12;
/** Aliases per operation: a dashboard page uses none; a wall against asking for one costly field hundreds of times. */
export const MAX_ALIASES = 30;
/** Directives per operation (`@include`/`@skip`); hundreds of them only make validation slow. */
export const MAX_DIRECTIVES = 20;
/** graphql-armor's generic cost (objects 2, scalars 1, ×1.5 a level, × `first`): a backstop above every real operation. */
export const MAX_ARMOR_COST = 10_000_000;

/** Refusals say what was too large in the user's language first; every limit answers GRAPHQL_VALIDATION_FAILED. */
function refuse(key: MessageKey, max: number): GraphQLArmorCallbackConfiguration {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = Math.round(Number(/found (\d+(?:\.\d+)?)/.exec(error.message)?.[1] ?? 0));
        context?.reportError(validationRefusal(key, { found, max }));
      },
    ],
  };
}

/**
 * Rules on top of GraphQL's own, for HTTP (Apollo) and WebSocket alike: one list, so both refuse
 * the same things. graphql-armor's rules count each fragment once however often it is spread, so a
 * document of fragments that spread each other twice is measured in milliseconds (not re-walked
 * 2ⁿ times); `fieldWeightRule` adds what armor has no option for: weights for aggregates that are
 * not paged (wallboard, stats, auditChain, alerts …).
 */
export const validationRules: ValidationRule[] = [
  maxDepthRule({
    n: MAX_DEPTH,
    // A fragment is a way of writing, not a level: `...F` nests no deeper than its fields.
    flattenFragments: true,
    ...refuse('common.queryTooDeep', MAX_DEPTH),
  }) as ValidationRule,
  maxAliasesRule({
    n: MAX_ALIASES,
    // armor lets `__typename` aliases through by default; thousands of them are still thousands of
    // answers to build, and no page of ours aliases it.
    allowList: [],
    ...refuse('common.tooManyAliases', MAX_ALIASES),
  }) as ValidationRule,
  maxDirectivesRule({
    n: MAX_DIRECTIVES,
    ...refuse('common.tooManyDirectives', MAX_DIRECTIVES),
  }) as ValidationRule,
  costLimitRule({
    maxCost: MAX_ARMOR_COST,
    ...refuse('common.queryTooCostly', MAX_ARMOR_COST),
  }) as ValidationRule,
  fieldWeightRule,
];
