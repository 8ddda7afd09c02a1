import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

const FIELDS = ['people', 'agreements', 'countries', 'node', 'nodes', 'entitiesByName', 'country', 'name', 'id', 'nodes', 'edges', 'node', 'totalCount', 'pageInfo', 'signatories', 'signedAgreements', 'parties', 'relations', 'evidence', 'quote', '__typename', '__schema', '__type', 'types', 'fields', 'bogus'];
const ARGS = ['first', 'after', 'id', 'ids', 'code', 'name', 'types', 'direction', 'language', 'if', 'x'];
const name = fc.constantFrom(...FIELDS);
const scalarLiteral = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('-1', '0', '100', '101', '2147483648', '1e309', '3.5', 'true', 'null', 'BOTH', 'SIGNED', '$v', '$first'),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"Person:alice-example"', '"Agreement:springfield-accord"', '"SV"', '"o:1"', '"b zz"'),
);
const value: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarLiteral, fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`)),
})).value;
const argumentList = fc.array(fc.tuple(fc.constantFrom(...ARGS), value), { maxLength: 3 }).map((args) => (args.length === 0 ? '' : `(${args.map(([a, v]) => `${a}: ${v}`).join(', ')})`));
const directive = fc.constantFrom('', '', '', ' @include(if: true)', ' @skip(if: $v)', ' @deprecated', ' @nope(x: 1)');
const selection: fc.Arbitrary<string> = fc.letrec<{ selection: string }>((tie) => ({
  selection: fc
    .tuple(fc.option(fc.constantFrom('a', 'b', 'x1'), { nil: undefined }), name, argumentList, directive, fc.option(fc.array(tie('selection'), { minLength: 1, maxLength: 4 }), { nil: undefined, depthSize: 'small' }))
    .map(([alias, field, args, dir, children]) => `${alias ? `${alias}: ` : ''}${field}${args}${dir}${children ? ` { ${children.join(' ')} }` : ''}`),
})).selection;
/** Documents of every kind: well-formed or not, valid or not, and plain noise. */
export const graphqlDocument = fc.oneof(
  fc.array(selection, { minLength: 1, maxLength: 4 }).map((s) => `{ ${s.join(' ')} }`),
  fc.tuple(fc.array(selection, { minLength: 1, maxLength: 3 }), fc.array(selection, { minLength: 1, maxLength: 3 })).map(
    ([a, b]) => `query Q($v: Boolean = true, $first: Int) { ...F ${a.join(' ')} } fragment F on Query { ${b.join(' ')} }`,
  ),
  // Token soup: GraphQL punctuation and words in any order.
  fc.array(fc.constantFrom('{', '}', '(', ')', '[', ']', ':', '...', '@', '$', '=', '!', 'query', 'mutation', 'fragment', 'on', 'people', 'name', '"s"', '"""b"""', '1', '#c\n', ','), { maxLength: 60 }).map((t) => t.join(' ')),
  fc.string({ maxLength: 200 }),
);

/** A literal for an input type, right most of the time and deliberately wrong now and then. */
function literalFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<string> {
  const wrong = fc.constantFrom('"wrong"', '-1', 'true', 'NOPE', '[1, 2]', '{ bogus: 1 }', '$missing');
  if (isNonNullType(type)) return literalFor(type.ofType, depth);
  if (isListType(type)) return fc.oneof({ weight: 4, arbitrary: fc.array(literalFor(type.ofType, depth + 1), { maxLength: 2 }).map((items) => `[${items.join(', ')}]`) }, { weight: 1, arbitrary: wrong });
  let right: fc.Arbitrary<string>;
  if (isEnumType(type)) right = fc.constantFrom(...type.getValues().map((v) => v.name));
  else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    const optional = fields.filter((field) => !required.includes(field));
    right =
      depth > 2
        ? fc.constant('{}')
        : fc.subarray(optional, { maxLength: Math.min(2, optional.length) }).chain((chosen) =>
            fc.tuple(...[...required, ...chosen].map((field) => literalFor(field.type, depth + 1).map((value) => `${field.name}: ${value}`))).map((parts) => `{ ${parts.join(', ')} }`),
          );
  } else if (type.name === 'Int') right = fc.integer({ min: 0, max: 30 }).map(String);
  else if (type.name === 'Float') right = fc.constantFrom('1.5', '0', '2');
  else if (type.name === 'Boolean') right = fc.constantFrom('true', 'false');
  else if (type.name === 'CountryCode') right = fc.constantFrom('"DE"', '"CA"');
  else if (type.name === 'Date') right = fc.constantFrom('"2026-02-14"');
  else right = fc.constantFrom('"Person:alice-example"', '"2026-02"', '"x"', '"DE"');
  return fc.oneof({ weight: 30, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

/** A selection set on a type: real fields with their arguments, aliases that may clash, fragments on possible types. */
function selectionsOn(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
  if (!isObjectType(type) && !isInterfaceType(type) && !isUnionType(type)) return fc.constant('');
  const fields = isUnionType(type) ? [] : Object.values(type.getFields());
  const field = fields.length === 0 ? fc.constant('__typename') : fc.constantFrom(...fields).chain((definition) => fieldSelection(schema, definition, depth));
  const fragments = isObjectType(type) ? [] : schema.getPossibleTypes(type);
  const fragment =
    fragments.length === 0 || depth <= 0
      ? field
      : fc.constantFrom(...fragments).chain((possible) => selectionsOn(schema, possible, depth - 1).map((inner) => `... on ${possible.name} { ${inner} }`));
  return fc.array(fc.oneof({ weight: 4, arbitrary: field }, { weight: 1, arbitrary: fragment }), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
}

function fieldSelection(schema: GraphQLSchema, definition: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
  const required = definition.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const optional = definition.args.filter((arg) => !required.includes(arg));
  const args = fc
    .tuple(fc.subarray(optional, { maxLength: Math.min(2, optional.length) }), fc.integer({ min: 0, max: 9 }))
    .chain(([extra, dice]) => {
      // Now and then a required argument is left out.
      const chosen = [...(dice === 0 ? required.slice(1) : required), ...extra];
      return fc.tuple(...chosen.map((arg) => literalFor(arg.type).map((value) => `${arg.name}: ${value}`)));
    })
    .map((parts) => (parts.length === 0 ? '' : `(${parts.join(', ')})`));
  const named = getNamedType(definition.type);
  const leaf = !isObjectType(named) && !isInterfaceType(named) && !isUnionType(named);
  const children = leaf ? fc.constant('') : depth <= 0 ? fc.constant(' { __typename }') : selectionsOn(schema, named, depth - 1).map((inner) => ` { ${inner} }`);
  const alias = fc.constantFrom('', '', '', '', '', '', '', 'a: ', 'b: ');
  const directive = fc.oneof({ weight: 40, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' @include(if: $flag)', ' @skip(if: true)', ' @deprecated') });
  return fc.tuple(alias, args, directive, children).map(([a, g, d, c]) => `${a}${definition.name}${g}${d}${c}`);
}

/** Documents built from the schema: mostly valid, with the mistakes a client makes (clashing aliases, wrong values, missing arguments, unused or undefined variables). */
export function schemaDocument(schema: GraphQLSchema): fc.Arbitrary<string> {
  const header = fc.constantFrom('query', 'query', 'query Q', 'query Q', 'query Q($flag: Boolean = true)', 'query Q($flag: Boolean!)', 'query Q($unused: Int)', 'subscription S');
  return fc
    .tuple(header, selectionsOn(schema, schema.getQueryType()!, 3), fc.boolean())
    .map(([head, body, withFragment]) => (withFragment ? `${head} { ...Top ${body} } fragment Top on Query { __typename }` : `${head} { ${body} }`));
}
