/**
 * The refusals live in modules/common/errors.ts, so that common/ and the REST routes need nothing
 * from graphql/. This re-export keeps the many existing imports (and branches in flight) working;
 * new code imports modules/common/errors.js.
 */
export * from '../modules/common/errors.js';
