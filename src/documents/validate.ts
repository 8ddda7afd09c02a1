import {
  BREAK,
  GraphQLError,
  isExecutableDefinitionNode,
  isRequiredArgument,
  Kind,
  KnownArgumentNamesRule,
  KnownTypeNamesRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  parse,
  ProvidedRequiredArgumentsRule,
  TypeInfo,
  UniqueArgumentNamesRule,
  UniqueDirectivesPerLocationRule,
  UniqueFragmentNamesRule,
  UniqueVariableNamesRule,
  ValidationContext,
  VariablesInAllowedPositionRule,
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
// Plain data, not exported from the package's root: the keys of each node kind that `visit` walks.
import { QueryDocumentKeys } from 'graphql/language/ast.js';

/** The keys graphql-js walks when it validates: descriptions never affect validity. */
const KEYS_TO_VALIDATE: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(QueryDocumentKeys).map(([kind, keys]) => [kind, (keys as readonly string[]).filter((key) => key !== 'description')]),
);

const ALL_KINDS: readonly string[] = Object.values(Kind);

/**
 * graphql-js rules that visit more kinds than they can report about: each reports only about a
 * document that has at least one node of the kinds named here. A rule about variables visits every
 * operation, but with no variable in the document it has nothing to say; a rule about fragment
 * definitions visits operations only to skip them. Rules not listed can report wherever they visit.
 */
const REPORTS_ONLY_WITH = new Map<ValidationRule, readonly Kind[]>([
  [NoUndefinedVariablesRule, [Kind.VARIABLE]],
  [VariablesInAllowedPositionRule, [Kind.VARIABLE]],
  [NoUnusedVariablesRule, [Kind.VARIABLE_DEFINITION]],
  [UniqueVariableNamesRule, [Kind.VARIABLE_DEFINITION]],
  [UniqueFragmentNamesRule, [Kind.FRAGMENT_DEFINITION]],
  [NoFragmentCyclesRule, [Kind.FRAGMENT_DEFINITION]],
  [NoUnusedFragmentsRule, [Kind.FRAGMENT_DEFINITION]],
  [UniqueDirectivesPerLocationRule, [Kind.DIRECTIVE]],
  [UniqueArgumentNamesRule, [Kind.ARGUMENT]],
]);

/**
 * Cheaper stand-ins for rules whose making costs more than their checking. Each is made with the
 * kinds of node the document has and refuses exactly the documents its rule refuses, which is all
 * a verdict needs; where that would take more than a few lines, it makes the rule itself. Their
 * messages are short: a refused document is validated again by graphql-js for the client.
 */
type StandIn = (context: ValidationContext, present: ReadonlySet<string>) => ASTVisitor;

/** Whether the document is plain executable definitions without a directive anywhere. */
function plain(context: ValidationContext, present: ReadonlySet<string>): boolean {
  return !present.has(Kind.DIRECTIVE) && context.getDocument().definitions.every(isExecutableDefinitionNode);
}

/**
 * KnownTypeNamesRule lists every type name in the schema each time it is made, for suggestions.
 * Without type definitions in the document it reports exactly the named types the schema lacks.
 */
const knownTypeNames: StandIn = (context) => {
  if (!context.getDocument().definitions.every(isExecutableDefinitionNode)) return KnownTypeNamesRule(context);
  const types = context.getSchema().getTypeMap();
  return {
    NamedType(node) {
      if (!types[node.name.value]) context.reportError(new GraphQLError(`Unknown type "${node.name.value}".`, { nodes: node }));
    },
  };
};

/**
 * KnownArgumentNamesRule maps every directive's arguments each time it is made. Without
 * directives it reports exactly the arguments a field does not have.
 */
const knownArgumentNames: StandIn = (context, present) => {
  if (!plain(context, present)) return KnownArgumentNamesRule(context);
  return {
    Argument(node) {
      if (!context.getArgument() && context.getFieldDef() && context.getParentType()) context.reportError(new GraphQLError(`Unknown argument "${node.name.value}".`, { nodes: node }));
    },
  };
};

/**
 * ProvidedRequiredArgumentsRule maps every directive's required arguments each time it is made.
 * Without directives it reports exactly the fields that leave out a required argument.
 */
const providedRequiredArguments: StandIn = (context, present) => {
  if (!plain(context, present)) return ProvidedRequiredArgumentsRule(context);
  return {
    Field: {
      leave(node) {
        const field = context.getFieldDef();
        if (!field) return false;
        for (const argument of field.args) {
          if (isRequiredArgument(argument) && !node.arguments?.some((given) => given.name.value === argument.name)) {
            context.reportError(new GraphQLError(`Field "${field.name}" argument "${argument.name}" is required.`, { nodes: node }));
          }
        }
        return undefined;
      },
    },
  };
};

const STAND_INS = new Map<ValidationRule, StandIn>([
  [KnownTypeNamesRule, knownTypeNames],
  [KnownArgumentNamesRule, knownArgumentNames],
  [ProvidedRequiredArgumentsRule, providedRequiredArguments],
]);

/** Thrown at the first error, or when a rule does something only `validate` knows how to follow. */
const UNDECIDED = Symbol('undecided');

type Handler = (this: ASTVisitor, ...args: unknown[]) => unknown;
type Path = Array<string | number>;
type Ancestors = Array<ASTNode | readonly ASTNode[]>;

/** A visitor's handler for a kind, as graphql-js's `getEnterLeaveForKind` finds it, without allocating. */
function handlerOf(visitor: ASTVisitor, kind: string, phase: 'enter' | 'leave'): Handler | undefined {
  const forKind = (visitor as Record<string, unknown>)[kind];
  if (typeof forKind === 'object' && forKind !== null) return (forKind as Record<string, Handler | undefined>)[phase];
  if (typeof forKind === 'function') return phase === 'enter' ? (forKind as Handler) : undefined;
  return (visitor as Record<string, Handler | undefined>)[phase];
}

/** The kinds a rule's visitor has an enter and a leave handler for, read from one instance made on a sample document. */
function kindsVisited(rule: ValidationRule, schema: GraphQLSchema): Record<'enter' | 'leave', readonly string[]> {
  const sample = parse('{ __typename }');
  const visitor = rule(new ValidationContext(schema, sample, new TypeInfo(schema), () => undefined));
  return {
    enter: ALL_KINDS.filter((kind) => handlerOf(visitor, kind, 'enter') !== undefined),
    leave: ALL_KINDS.filter((kind) => handlerOf(visitor, kind, 'leave') !== undefined),
  };
}

/** Every kind of node a document has, in the keys graphql-js walks. */
function kindsIn(document: DocumentNode): Set<string> {
  const kinds = new Set<string>();
  const stack: ASTNode[] = [document];
  while (stack.length > 0) {
    const node = stack.pop()!;
    kinds.add(node.kind);
    for (const key of KEYS_TO_VALIDATE[node.kind] ?? []) {
      const child = (node as unknown as Record<string, ASTNode | readonly ASTNode[] | undefined>)[key];
      if (child === undefined || child === null) continue;
      if (Array.isArray(child)) stack.push(...(child as readonly ASTNode[]));
      else stack.push(child as ASTNode);
    }
  }
  return kinds;
}

/** The handlers of one kind, each with the index of the visitor it belongs to. */
interface KindHandlers {
  visitors: number[];
  handlers: Handler[];
}

/**
 * Builds a check of whether a document passes every rule. It runs graphql-js's own rule functions,
 * with the same ValidationContext and TypeInfo, over the same nodes in the same order, with the same
 * arguments (node, key, parent, path, ancestors) as `validate`. Only the harness differs. graphql-js
 * 16 makes every rule's visitor for every document and looks up each one's handlers for all ~45 node
 * kinds on every call, in `visitInParallel` and again in `visit`, a fixed cost of about 100 µs with
 * the 28 specified rules whatever the document's size. Here:
 *
 * - a rule's visitor is made only when the document has a node the rule can report about: the kinds
 *   its visitor handles, read once from a sample, or the narrower kinds in REPORTS_ONLY_WITH;
 * - a rule whose making costs more than its checking has a stand-in that refuses the same
 *   documents (STAND_INS);
 * - handlers are looked up once per document, for the kinds it has, in the rules known to handle them;
 * - the walk is a plain recursion (documents are bounded in depth before they are parsed).
 *
 * It stops at the first error and reports nothing but the verdict: a document it refuses is left
 * to the standard `validate`, which reports every error in the usual words. Anything it cannot
 * follow exactly (a rule editing the tree) also ends in a refusal, so its mistakes can only cost
 * time, never let an invalid document through. tests/documents.test.ts checks it against
 * `validate` on generated documents.
 */
export function createValidator(schema: GraphQLSchema, rules: readonly ValidationRule[]): (document: DocumentNode) => boolean {
  const plans = rules.map((rule) => {
    // The rule's own visitor handles every kind its stand-in does.
    const visited = kindsVisited(rule, schema);
    const reportsWith: readonly string[] = REPORTS_ONLY_WITH.get(rule) ?? [...new Set([...visited.enter, ...visited.leave])];
    const standIn = STAND_INS.get(rule);
    const make: StandIn = standIn ?? ((context) => rule(context));
    return { make, visited, reportsWith };
  });
  // By kind, the rules with a handler for it, so a document looks up only handlers that exist.
  const byKind = { enter: new Map<string, number[]>(), leave: new Map<string, number[]>() };
  plans.forEach((plan, index) => {
    for (const phase of ['enter', 'leave'] as const) {
      for (const kind of plan.visited[phase]) byKind[phase].set(kind, [...(byKind[phase].get(kind) ?? []), index]);
    }
  });

  return (document) => {
    const present = kindsIn(document);
    const typeInfo = new TypeInfo(schema);
    const context = new ValidationContext(schema, document, typeInfo, refuse);
    // By rule: its visitor, made only when the document has something it can report about.
    const visitors = plans.map((plan) => (plan.reportsWith.some((kind) => present.has(kind)) ? plan.make(context, present) : undefined));
    try {
      new RuleWalk(visitors, byKind, typeInfo).walk(document, undefined, undefined, [], []);
      return true;
    } catch (error) {
      // graphql-js aborts a rule that runs over its budget with a GraphQLError; anything else is a fault.
      if (error === UNDECIDED || error instanceof GraphQLError) return false;
      throw error;
    }
  };
}

/** What a rule's error does here: ends the walk, since only the verdict is wanted. */
function refuse(): never {
  throw UNDECIDED;
}

/**
 * One walk of a document with the visitors of the rules it can trip, as `visit` with
 * `visitInParallel` and `visitWithTypeInfo` walks it for `validate`. A class rather than closures:
 * nothing is allocated per document beyond the walk itself.
 */
class RuleWalk {
  /** Per visitor: null while it visits, or the node whose subtree it skips, or BREAK when it is done. */
  private readonly skipping: Array<ASTNode | typeof BREAK | null>;
  private readonly enters = new Map<string, KindHandlers>();
  private readonly leaves = new Map<string, KindHandlers>();

  constructor(
    private readonly visitors: ReadonlyArray<ASTVisitor | undefined>,
    private readonly byKind: Record<'enter' | 'leave', ReadonlyMap<string, readonly number[]>>,
    private readonly typeInfo: TypeInfo,
  ) {
    this.skipping = visitors.map(() => null);
  }

  /** The handlers the document's visitors have for a kind, looked up the first time it is met. */
  private handlersFor(table: Map<string, KindHandlers>, kind: string, phase: 'enter' | 'leave'): KindHandlers {
    let found = table.get(kind);
    if (found === undefined) {
      found = { visitors: [], handlers: [] };
      for (const i of this.byKind[phase].get(kind) ?? []) {
        const visitor = this.visitors[i];
        const handler = visitor === undefined ? undefined : handlerOf(visitor, kind, phase);
        if (handler === undefined) continue;
        found.visitors.push(i);
        found.handlers.push(handler);
      }
      table.set(kind, found);
    }
    return found;
  }

  walk(node: ASTNode, key: string | number | undefined, parent: ASTNode | readonly ASTNode[] | undefined, path: Path, ancestors: Ancestors): void {
    const { skipping, visitors } = this;
    this.typeInfo.enter(node);
    const enter = this.handlersFor(this.enters, node.kind, 'enter');
    for (let h = 0; h < enter.handlers.length; h++) {
      const i = enter.visitors[h]!;
      if (skipping[i] !== null) continue;
      const result = enter.handlers[h]!.call(visitors[i]!, node, key, parent, path, ancestors);
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
          this.walk(list[index]!, index, list, path, ancestors);
          path.pop();
        }
        ancestors.pop();
      } else {
        this.walk(child as ASTNode, childKey, node, path, ancestors);
      }
      path.pop();
    }
    if (parent !== undefined) ancestors.pop();
    const leave = this.handlersFor(this.leaves, node.kind, 'leave');
    for (let h = 0; h < leave.handlers.length; h++) {
      const i = leave.visitors[h]!;
      if (skipping[i] !== null) continue;
      const result = leave.handlers[h]!.call(visitors[i]!, node, key, parent, path, ancestors);
      if (result === BREAK) skipping[i] = BREAK;
      else if (result !== undefined && result !== false) throw UNDECIDED;
    }
    // A visitor that skipped this node's subtree visits again from its next sibling on.
    for (let i = 0; i < skipping.length; i++) if (skipping[i] === node) skipping[i] = null;
    this.typeInfo.leave(node);
  }
}
