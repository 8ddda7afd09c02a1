import { BREAK, getEnterLeaveForKind, GraphQLError, TypeInfo, ValidationContext, type ASTNode, type ASTVisitFn, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
// Plain data, not exported from the package's root: the keys of each node kind that `visit` walks.
import { QueryDocumentKeys } from 'graphql/language/ast.js';

/** The keys graphql-js walks when it validates: descriptions never affect validity. */
const KEYS_TO_VALIDATE: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(QueryDocumentKeys).map(([kind, keys]) => [kind, (keys as readonly string[]).filter((key) => key !== 'description')]),
);

/** Thrown at the first error, or when a rule does something only `validate` knows how to follow. */
const UNDECIDED = Symbol('undecided');

type Handler = ASTVisitFn<ASTNode> | undefined;
type Path = Array<string | number>;
type Ancestors = Array<ASTNode | readonly ASTNode[]>;

/**
 * Whether a document passes every rule. It runs graphql-js's own rule functions, with the same
 * ValidationContext and TypeInfo, over the same nodes in the same order, with the same arguments
 * (node, key, parent, path, ancestors) as `validate`. Only the harness differs: graphql-js 16 looks
 * up every rule's handlers for each of the ~45 node kinds on every call, in `visitInParallel` and
 * again in `visit`, a fixed cost of about 100 µs with the 28 specified rules whatever the document's
 * size. Here handlers are looked up per kind the first time a document has that kind, and the walk
 * is a plain recursion (documents are already bounded in depth before they are parsed).
 *
 * It stops at the first error and reports nothing but the verdict: a document it refuses is left
 * to the standard `validate`, which reports every error in the usual words. Anything it cannot
 * follow exactly (a rule editing the tree) also ends in a refusal, so its mistakes can only cost
 * time, never let an invalid document through. tests/documents.test.ts checks it against
 * `validate` on generated documents.
 */
export function passesValidation(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[]): boolean {
  const typeInfo = new TypeInfo(schema);
  const context = new ValidationContext(schema, document, typeInfo, () => {
    throw UNDECIDED;
  });
  const visitors = rules.map((rule) => rule(context));
  const skipping: Array<ASTNode | typeof BREAK | null> = visitors.map(() => null);
  const enters = new Map<string, Handler[]>();
  const leaves = new Map<string, Handler[]>();
  const handlers = (kind: ASTNode['kind']): void => {
    const enter: Handler[] = [];
    const leave: Handler[] = [];
    for (const visitor of visitors) {
      const found = getEnterLeaveForKind(visitor, kind);
      enter.push(found.enter as Handler);
      leave.push(found.leave as Handler);
    }
    enters.set(kind, enter);
    leaves.set(kind, leave);
  };

  const walk = (node: ASTNode, key: string | number | undefined, parent: ASTNode | readonly ASTNode[] | undefined, path: Path, ancestors: Ancestors): void => {
    if (!enters.has(node.kind)) handlers(node.kind);
    typeInfo.enter(node);
    const enter = enters.get(node.kind)!;
    for (let i = 0; i < visitors.length; i++) {
      if (skipping[i] !== null) continue;
      const result: unknown = enter[i]?.call(visitors[i], node, key, parent, path, ancestors);
      if (result === false) skipping[i] = node;
      else if (result === BREAK) skipping[i] = BREAK;
      else if (result !== undefined) throw UNDECIDED;
    }
    // As in `visit`: a node's children see its parent among their ancestors, and the elements of
    // a list also see the node that holds the list.
    if (parent !== undefined) ancestors.push(parent);
    for (const childKey of KEYS_TO_VALIDATE[node.kind] ?? []) {
      const child = (node as unknown as Record<string, ASTNode | readonly ASTNode[] | undefined>)[childKey];
      if (child === undefined || child === null) continue;
      path.push(childKey);
      if (Array.isArray(child)) {
        ancestors.push(node);
        const list = child as readonly ASTNode[];
        for (let index = 0; index < list.length; index++) {
          path.push(index);
          walk(list[index]!, index, list, path, ancestors);
          path.pop();
        }
        ancestors.pop();
      } else {
        walk(child as ASTNode, childKey, node, path, ancestors);
      }
      path.pop();
    }
    if (parent !== undefined) ancestors.pop();
    const leave = leaves.get(node.kind)!;
    for (let i = 0; i < visitors.length; i++) {
      if (skipping[i] === null) {
        const result: unknown = leave[i]?.call(visitors[i], node, key, parent, path, ancestors);
        if (result === BREAK) skipping[i] = BREAK;
        else if (result !== undefined && result !== false) throw UNDECIDED;
      } else if (skipping[i] === node) {
        skipping[i] = null;
      }
    }
    typeInfo.leave(node);
  };

  try {
    walk(document, undefined, undefined, [], []);
    return true;
  } catch (error) {
    // graphql-js aborts a rule that runs over its budget with a GraphQLError; anything else is a fault.
    if (error === UNDECIDED || error instanceof GraphQLError) return false;
    throw error;
  }
}
