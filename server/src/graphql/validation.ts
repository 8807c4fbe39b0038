import type { ValidationRule } from 'graphql';
import { operationLimits } from './limits.js';

/** Tokens per document: generous for real operations, a wall against a megabyte of aliases. */
export const MAX_QUERY_TOKENS = 10_000;

/** Rules on top of GraphQL's own, for HTTP (Apollo) and WebSocket alike: one list, so both refuse the same things. */
export const validationRules: ValidationRule[] = [operationLimits];
