import {
  doTypesOverlap,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInputObjectType,
  isLeafType,
  isListType,
  isRequiredArgument,
  isUnionType,
  Kind,
  valueFromAST,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  TypeNameMetaFieldDef,
} from 'graphql';
import { MAX_COST_NODES, pageSizeEstimator } from '../limits/query-cost.js';

/** The limits the depth and alias rules enforce (graphql-armor's maxDepthRule and maxAliasesRule). */
export interface PlainLimits {
  maxDepth: number;
  maxAliases: number;
}

/** Per operation: the deepest field level and the aliases armor counts; per document: the selections walked. */
interface Counts {
  depth: number;
  aliases: number;
  selections: number;
}

/** The names of the object types a selection on a type can meet, as a list and as a set. */
interface PossibleTypes {
  names: readonly string[];
  set: ReadonlySet<string>;
}

/** An inline fragment's cost and the possible types of its type condition, which it counts for. */
interface FragmentCost {
  types: PossibleTypes;
  cost: number;
}

/**
 * The cost of a selection set as graphql-query-complexity works it out: each possible type of the
 * parent counts every field, each type a fragment's condition can meet counts that fragment, and
 * the set costs the most any type adds up to (0 when none does). The library keeps a map of sums
 * by type for this; without fragments every type's sum is the fields' total, so no map is needed,
 * and with them each type's sum is made from the few fragments.
 */
function selectionSetCost(parent: PossibleTypes, fieldsCost: number, fragments: readonly FragmentCost[] | undefined): number {
  if (fragments === undefined) return parent.names.length > 0 ? Math.max(fieldsCost, 0) : 0;
  const fragmentsFor = (type: string): number => fragments.reduce((sum, fragment) => (fragment.types.set.has(type) ? sum + fragment.cost : sum), 0);
  let most = 0;
  for (const type of parent.names) most = Math.max(most, fieldsCost + fragmentsFor(type));
  for (const fragment of fragments) {
    for (const type of fragment.types.names) if (!parent.set.has(type)) most = Math.max(most, fragmentsFor(type));
  }
  return most;
}

/**
 * What the walk learned about a document it passed: the estimated cost of each operation by name
 * (undefined for the anonymous one), as `estimateCost` would give it.
 */
export interface PlainVerdict {
  costs: ReadonlyMap<string | undefined, number>;
}

/** The cost of the operation a request runs, from a verdict; undefined when the request does not pick exactly one. */
export function costOfOperation(verdict: PlainVerdict, operationName: string | undefined): number | undefined {
  if (operationName !== undefined) return verdict.costs.get(operationName);
  return verdict.costs.size === 1 ? verdict.costs.values().next().value : undefined;
}

/**
 * A quick verdict for the documents most clients send: queries made of fields, arguments with
 * literal values and inline fragments, without variables, named fragments, directives or
 * introspection. For such a document most of graphql-js's rules have nothing to look at, and the
 * rest come down to a few facts, checked here in one walk without TypeInfo or rule visitors:
 *
 * - every definition is a query; an anonymous one stands alone; names are unique;
 * - every field exists on its parent type (only `__typename` on a union), has a selection set
 *   exactly when its type is composite, and its arguments are known, unique, complete (required
 *   ones given) and of the right type: `valueFromAST` coerces each literal as ValuesOfCorrectType
 *   checks it, and input objects are checked for unknown and repeated fields;
 *   an inline fragment's type exists, is composite and can overlap its parent's;
 * - every response name is used once in each selection set, inline fragments included, so no two
 *   fields can conflict (OverlappingFieldsCanBeMerged);
 * - the depth and the aliases stay within the limits, counted as graphql-armor counts them.
 *
 * The same walk estimates each operation's cost, so the request need not be walked again for it.
 * The figure is graphql-query-complexity's for `pageSizeEstimator` (see estimateCost): a field
 * costs what the estimator says for its coerced arguments (defaults included) and the cost of its
 * selection; a selection set costs the most any of its possible types adds up to, an inline
 * fragment counting for the possible types of its own type condition. A document of more than
 * MAX_COST_NODES selections (the library gives up on it) or with a cost past 2⁵³ is left undecided.
 *
 * It answers only for a document every rule would pass; anything else, valid or not, is
 * undecided (`undefined`) and goes to the full validator. It is meant for exactly the rules
 * `createGraphQLServer` validates with (graphql-js's specified rules, the limit rules made from
 * `limits`, and the rule refusing introspection); tests/documents.test.ts checks it against
 * graphql-js `validate` with those rules on generated documents.
 */
export function createPlainValidator(schema: GraphQLSchema, limits: PlainLimits): (document: DocumentNode) => PlainVerdict | undefined {
  const queryType = schema.getQueryType();
  const possibleTypes = new Map<GraphQLCompositeType, PossibleTypes>();
  /** The object types a selection on `type` can meet, as graphql-query-complexity names them. */
  const possibleTypesOf = (type: GraphQLCompositeType): PossibleTypes => {
    let found = possibleTypes.get(type);
    if (found === undefined) {
      const names = isAbstractType(type) ? schema.getPossibleTypes(type).map((possible) => possible.name) : [type.name];
      possibleTypes.set(type, (found = { names, set: new Set(names) }));
    }
    return found;
  };

  /**
   * Whether a literal has the shape its type needs: no variables, lists where lists are asked for
   * (a single value stands for a list of one), input objects with known fields, each given once.
   */
  function shapeFits(node: ValueNode, type: GraphQLInputType): boolean {
    if (node.kind === Kind.VARIABLE) return false;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      return node.kind === Kind.LIST ? node.values.every((item) => shapeFits(item, nullable.ofType)) : shapeFits(node, nullable.ofType);
    }
    if (node.kind === Kind.LIST) return false;
    if (node.kind !== Kind.OBJECT) return true;
    if (!isInputObjectType(nullable) || nullable.isOneOf) return false;
    const fields = nullable.getFields();
    return node.fields.every((field, index) => {
      const definition = fields[field.name.value];
      if (definition === undefined) return false;
      for (let before = 0; before < index; before++) if (node.fields[before]!.name.value === field.name.value) return false;
      return shapeFits(field.value, definition.type);
    });
  }

  /**
   * The coerced values of a field's arguments, defaults included, as execution would see them;
   * undefined when they are not known, unique, complete and of the right type.
   */
  function argumentValues(nodes: readonly ArgumentNode[] | undefined, definitions: readonly GraphQLArgument[]): Record<string, unknown> | undefined {
    const given = nodes ?? [];
    const values: Record<string, unknown> = {};
    for (let index = 0; index < given.length; index++) {
      const node = given[index]!;
      const definition = definitions.find((argument) => argument.name === node.name.value);
      if (definition === undefined) return undefined;
      for (let before = 0; before < index; before++) if (given[before]!.name.value === node.name.value) return undefined;
      if (!shapeFits(node.value, definition.type)) return undefined;
      const value = valueFromAST(node.value, definition.type);
      if (value === undefined) return undefined;
      values[definition.name] = value;
    }
    for (const definition of definitions) {
      if (Object.hasOwn(values, definition.name)) continue;
      if (isRequiredArgument(definition)) return undefined;
      if (definition.defaultValue !== undefined) values[definition.name] = definition.defaultValue;
    }
    return values;
  }

  /**
   * What the estimator says a field costs; undefined when it gives no number (the library then
   * reports an error) or a negative one, which could make the order of additions matter.
   */
  function fieldCost(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, childComplexity: number, node: FieldNode, type: GraphQLCompositeType): number | undefined {
    const cost = pageSizeEstimator({ field, args, childComplexity, node, type, context: undefined });
    return typeof cost === 'number' && cost >= 0 ? cost : undefined;
  }

  /**
   * Checks a selection set on its parent type, at a field level (root fields are at 1), and returns
   * its cost; undefined when it does not fit. `names` holds the response names of the set so far:
   * an inline fragment adds to its parent's.
   */
  function selectionsFit(set: SelectionSetNode, parent: GraphQLCompositeType, level: number, names: string[], counts: Counts): number | undefined {
    let fieldsCost = 0;
    let fragments: FragmentCost[] | undefined;
    for (const selection of set.selections) {
      if (++counts.selections >= MAX_COST_NODES) return undefined;
      if (selection.directives !== undefined && selection.directives.length > 0) return undefined;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        let type: GraphQLCompositeType = parent;
        if (selection.typeCondition) {
          const named = schema.getType(selection.typeCondition.name.value);
          if (named === undefined || !isCompositeType(named) || !doTypesOverlap(schema, named, parent)) return undefined;
          type = named;
        }
        const cost = selectionsFit(selection.selectionSet, type, level, names, counts);
        if (cost === undefined) return undefined;
        (fragments ??= []).push({ types: possibleTypesOf(type), cost });
        continue;
      }
      if (selection.kind !== Kind.FIELD) return undefined;
      const name = selection.name.value;
      const responseName = selection.alias?.value ?? name;
      if (names.includes(responseName)) return undefined;
      names.push(responseName);
      // armor does not count an alias of __typename, nor a field aliased as __typename.
      if (selection.alias !== undefined && name !== '__typename' && responseName !== '__typename') counts.aliases += 1;
      counts.depth = Math.max(counts.depth, level);
      if (name === '__typename') {
        if (selection.selectionSet !== undefined || (selection.arguments?.length ?? 0) > 0) return undefined;
        const cost = fieldCost(TypeNameMetaFieldDef, {}, 0, selection, parent);
        if (cost === undefined) return undefined;
        fieldsCost += cost;
        continue;
      }
      // __schema and __type have rules of their own (depth of introspection, introspection off).
      if (name.startsWith('__') || isUnionType(parent)) return undefined;
      const field = parent.getFields()[name];
      const args = field && argumentValues(selection.arguments, field.args);
      if (field === undefined || args === undefined) return undefined;
      const type = getNamedType(field.type);
      let childCost = 0;
      if (isLeafType(type)) {
        if (selection.selectionSet !== undefined) return undefined;
      } else {
        const cost = selection.selectionSet !== undefined && isCompositeType(type) ? selectionsFit(selection.selectionSet, type, level + 1, [], counts) : undefined;
        if (cost === undefined) return undefined;
        childCost = cost;
      }
      const cost = fieldCost(field, args, childCost, selection, parent);
      if (cost === undefined) return undefined;
      fieldsCost += cost;
    }
    const cost = selectionSetCost(possibleTypesOf(parent), fieldsCost, fragments);
    // Below 2⁵³ every partial sum is an exact integer, so adding up in another order than the
    // library's gives the same figure; above it (far over any cost limit) the library decides.
    return Number.isSafeInteger(cost) ? cost : undefined;
  }

  return (document) => {
    if (!queryType) return undefined;
    const { definitions } = document;
    const costs = new Map<string | undefined, number>();
    const counts: Counts = { depth: 0, aliases: 0, selections: 0 };
    for (const definition of definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') return undefined;
      if ((definition.variableDefinitions?.length ?? 0) > 0 || (definition.directives?.length ?? 0) > 0) return undefined;
      const name = definition.name?.value;
      if (name === undefined ? definitions.length > 1 : costs.has(name)) return undefined;
      counts.depth = 0;
      counts.aliases = 0;
      const cost = selectionsFit(definition.selectionSet, queryType, 1, [], counts);
      if (cost === undefined || counts.depth > limits.maxDepth || counts.aliases > limits.maxAliases) return undefined;
      costs.set(name, cost);
    }
    return { costs };
  };
}
