import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Context } from '../graphql/context.js';
import { scopeKey } from '../modules/auth/scope.js';

/**
 * Fields whose answer depends on who asks, not only on the scope and role (`User.permissions` is
 * the viewer's own, null for anyone else): a document selecting one is never shared across users.
 */
const PER_USER_FIELDS = new Set(['permissions']);

type Results = Map<string, Promise<ExecutionResult>>;

/** The variables a subscription's selection reads; the root field's own arguments (`since`) do not change what an event looks like. */
function selectionVariables(document: DocumentNode, operationName?: string | null): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  const operation = getOperationAST(document, operationName);
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD) collect(selection);
    else {
      if (selection.selectionSet) collect(selection.selectionSet);
      for (const directive of selection.directives ?? []) collect(directive);
    }
  }
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  return [...names].sort();
}

function selectsPerUserField(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(field) {
      if (PER_USER_FIELDS.has(field.name.value)) found = true;
    },
  });
  return found;
}

/**
 * Who an execution's answer is for: the same scope, role, kind of access and document give the
 * same result for the same event, whoever's socket it goes to (R6 is decided by the scope alone).
 */
function audienceKey(args: ExecutionArgs): string | null {
  const context = args.contextValue as Context | undefined;
  const viewer = context?.viewer;
  const query = args.document.loc?.source.body;
  if (!viewer || query === undefined) return null;
  const variables = args.variableValues ?? {};
  const used = selectionVariables(args.document, args.operationName);
  return JSON.stringify([
    scopeKey(viewer.scope),
    viewer.user.role,
    viewer.kiosk ? 'kiosk' : 'user',
    selectsPerUserField(args.document) ? viewer.user.id : '',
    context?.locale ?? '',
    args.operationName ?? '',
    query,
    used.map((name) => [name, variables[name]]),
  ]);
}

const isAsyncIterable = (value: object): value is AsyncIterable<unknown> => Symbol.asyncIterator in value;

/** An async iterator that maps each value and passes `return` straight through, so a closed subscription stops at once. */
function mapStream<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R>): AsyncGenerator<R, undefined> {
  const done = { value: undefined, done: true } as const;
  const stream: AsyncGenerator<R, undefined> = {
    async next() {
      const item = await source.next();
      return item.done ? done : { value: await map(item.value), done: false };
    },
    async return() {
      await source.return?.();
      return done;
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

/**
 * graphql's `subscribe`, except that each event is executed once per audience (scope, role,
 * document) rather than once per socket: a thousand supervisors of one department watching the
 * same ticker cost one execution and its SQL per event, not a thousand. Results are kept with the
 * event object itself (a WeakMap), so they go when the bus and the queues let go of it; a replay's
 * events are each subscriber's own objects and are not shared.
 */
export function sharedSubscribe() {
  const byEvent = new WeakMap<object, Results>();
  return async function subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const key = audienceKey(args);
    const run = (payload: unknown) => execute({ ...args, rootValue: payload }) as Promise<ExecutionResult>;
    return mapStream(source[Symbol.asyncIterator](), (payload: unknown) => {
      if (key === null || typeof payload !== 'object' || payload === null) return run(payload);
      let results = byEvent.get(payload);
      if (!results) byEvent.set(payload, (results = new Map()));
      let result = results.get(key);
      if (!result) results.set(key, (result = Promise.resolve(run(payload))));
      return result;
    });
  };
}
