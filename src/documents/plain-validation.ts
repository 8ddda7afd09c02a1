import {
  doTypesOverlap,
  getNamedType,
  getNullableType,
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
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** The limits the depth and alias rules enforce (graphql-armor's maxDepthRule and maxAliasesRule). */
export interface PlainLimits {
  maxDepth: number;
  maxAliases: number;
}

/** Per operation: the deepest field level and the aliases armor counts. */
interface Counts {
  depth: number;
  aliases: number;
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
 * It answers `true` only for a document every rule would pass; anything else, valid or not, is
 * undecided (`undefined`) and goes to the full validator. It is meant for exactly the rules
 * `createGraphQLServer` validates with (graphql-js's specified rules, the limit rules made from
 * `limits`, and the rule refusing introspection); tests/documents.test.ts checks it against
 * graphql-js `validate` with those rules on generated documents.
 */
export function createPlainValidator(schema: GraphQLSchema, limits: PlainLimits): (document: DocumentNode) => true | undefined {
  const queryType = schema.getQueryType();

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

  function argumentsFit(nodes: readonly ArgumentNode[] | undefined, definitions: readonly GraphQLArgument[]): boolean {
    const given = nodes ?? [];
    for (let index = 0; index < given.length; index++) {
      const node = given[index]!;
      const definition = definitions.find((argument) => argument.name === node.name.value);
      if (definition === undefined) return false;
      for (let before = 0; before < index; before++) if (given[before]!.name.value === node.name.value) return false;
      if (!shapeFits(node.value, definition.type) || valueFromAST(node.value, definition.type) === undefined) return false;
    }
    return definitions.every((definition) => !isRequiredArgument(definition) || given.some((node) => node.name.value === definition.name));
  }

  /**
   * Checks a selection set on its parent type, at a field level (root fields are at 1). `names`
   * holds the response names of the set so far: an inline fragment adds to its parent's.
   */
  function selectionsFit(set: SelectionSetNode, parent: GraphQLCompositeType, level: number, names: string[], counts: Counts): boolean {
    for (const selection of set.selections) {
      if (selection.directives !== undefined && selection.directives.length > 0) return false;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        let type: GraphQLCompositeType = parent;
        if (selection.typeCondition) {
          const named = schema.getType(selection.typeCondition.name.value);
          if (named === undefined || !isCompositeType(named) || !doTypesOverlap(schema, named, parent)) return false;
          type = named;
        }
        if (!selectionsFit(selection.selectionSet, type, level, names, counts)) return false;
        continue;
      }
      if (selection.kind !== Kind.FIELD) return false;
      const name = selection.name.value;
      const responseName = selection.alias?.value ?? name;
      if (names.includes(responseName)) return false;
      names.push(responseName);
      // armor does not count an alias of __typename, nor a field aliased as __typename.
      if (selection.alias !== undefined && name !== '__typename' && responseName !== '__typename') counts.aliases += 1;
      counts.depth = Math.max(counts.depth, level);
      if (name === '__typename') {
        if (selection.selectionSet !== undefined || (selection.arguments?.length ?? 0) > 0) return false;
        continue;
      }
      // __schema and __type have rules of their own (depth of introspection, introspection off).
      if (name.startsWith('__') || isUnionType(parent)) return false;
      const field = parent.getFields()[name];
      if (field === undefined || !argumentsFit(selection.arguments, field.args)) return false;
      const type = getNamedType(field.type);
      if (isLeafType(type)) {
        if (selection.selectionSet !== undefined) return false;
      } else if (selection.selectionSet === undefined || !isCompositeType(type) || !selectionsFit(selection.selectionSet, type, level + 1, [], counts)) {
        return false;
      }
    }
    return true;
  }

  return (document) => {
    if (!queryType) return undefined;
    const { definitions } = document;
    const operationNames: string[] = [];
    for (const definition of definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') return undefined;
      if ((definition.variableDefinitions?.length ?? 0) > 0 || (definition.directives?.length ?? 0) > 0) return undefined;
      if (definition.name === undefined) {
        if (definitions.length > 1) return undefined;
      } else {
        if (operationNames.includes(definition.name.value)) return undefined;
        operationNames.push(definition.name.value);
      }
      const counts: Counts = { depth: 0, aliases: 0 };
      if (!selectionsFit(definition.selectionSet, queryType, 1, [], counts)) return undefined;
      if (counts.depth > limits.maxDepth || counts.aliases > limits.maxAliases) return undefined;
    }
    return true;
  };
}
