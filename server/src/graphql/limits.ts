import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { DEFAULT_PAGE, MAX_PAGE } from '../modules/common/pagination.js';

/** Deep enough for hazard → enterprise → hazards → … as the dashboard and analysts use it; no deeper. */
export const MAX_DEPTH = 12;
/** Upper bound on the records one operation may ask for (two nested full pages: 200 × 200). */
export const MAX_NODES = 40_000;

interface Cost {
  depth: number;
  nodes: number;
}

/**
 * Refuses operations too deep or too wide before they run, over HTTP and over the socket alike.
 * Width is estimated by multiplying the `first` of nested connections along each path.
 */
export function operationLimits(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const measure = (set: SelectionSetNode, seen: Set<string>): Cost => {
    let depth = 0;
    let nodes = 0;
    for (const selection of set.selections) {
      let inner: Cost = { depth: 0, nodes: 0 };
      if (selection.kind === Kind.FIELD) {
        // Introspection (GraphiQL's schema query nests ofType deeply) is cheap and always allowed.
        if (selection.name.value.startsWith('__')) continue;
        if (selection.selectionSet) {
          const child = measure(selection.selectionSet, seen);
          const firstArg = selection.arguments?.find((a) => a.name.value === 'first');
          const isPage = selection.selectionSet.selections.some(
            (s) => s.kind === Kind.FIELD && s.name.value === 'edges',
          );
          let width = isPage ? DEFAULT_PAGE : 0;
          if (firstArg) {
            const value = firstArg.value;
            // Validation runs before variables are known (and is cached per document): assume the largest page.
            width = value.kind === Kind.INT ? Number(value.value) : MAX_PAGE;
          }
          // A page multiplies what each of its records asks for; a single object adds nothing of its own.
          inner = { depth: child.depth + 1, nodes: width > 0 ? width * Math.max(child.nodes, 1) : child.nodes };
        } else {
          inner = { depth: 1, nodes: 0 };
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) inner = measure(fragment.selectionSet, new Set([...seen, name]));
      }
      depth = Math.max(depth, inner.depth);
      nodes += inner.nodes;
    }
    return { depth, nodes };
  };

  return {
    OperationDefinition(operation) {
      const cost = measure(operation.selectionSet, new Set());
      if (cost.depth > MAX_DEPTH) {
        context.reportError(
          new GraphQLError(
            `This query nests ${cost.depth} levels deep; at most ${MAX_DEPTH} are allowed. Ask for less at once.`,
            { nodes: operation, extensions: { code: 'BAD_USER_INPUT' } },
          ),
        );
      } else if (cost.nodes > MAX_NODES) {
        context.reportError(
          new GraphQLError(
            `This query could return about ${cost.nodes} records; at most ${MAX_NODES} are allowed. Use smaller pages (first).`,
            { nodes: operation, extensions: { code: 'BAD_USER_INPUT' } },
          ),
        );
      }
    },
  };
}
