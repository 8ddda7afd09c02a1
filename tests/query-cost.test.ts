import { makeExecutableSchema } from '@graphql-tools/schema';
import fc from 'fast-check';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { estimateCost, pageSizeEstimator, queryCostPlugin, type CostEstimate } from '../src/limits/query-cost.js';
import { resolvers } from '../src/modules/index.js';
import { readTypeDefs } from '../src/schema.js';
import type { GraphStatistics } from '../src/store/graph-store.js';
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from '../src/store/models.js';
import { graphqlDocument, schemaDocument } from './arbitraries.js';

const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers });
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

type Outcome = { cost: number } | { tooLarge: true } | { badInput: string } | { unknown: true };

/** An estimate, with the error it carries reduced to what a client is told. */
function outcomeOf(estimate: CostEstimate): Outcome {
  if ('badInput' in estimate) return { badInput: estimate.badInput.message };
  if ('unknown' in estimate) return { unknown: true };
  return estimate;
}

/**
 * The estimate as graphql-query-complexity's own `getComplexity` gives it, walk and all; a value
 * graphql-js cannot apply (its messages start with `Variable "$` or `Argument "`) is bad input.
 */
function reference(document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): Outcome {
  try {
    return { cost: getComplexity({ schema, query: document, variables, operationName, estimators: [pageSizeEstimator], maxQueryNodes: 10_000 }) };
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) return { tooLarge: true };
    if (error instanceof GraphQLError && /^(Variable "\$|Argument ")/.test(error.message)) return { badInput: error.message };
    return { unknown: true };
  }
}

describe('estimateCost', () => {
  it('prices pages, id lists and nesting', () => {
    expect(estimateCost(schema, parse('{ people(first: 10) { nodes { name } } }'), {}, undefined)).toEqual({ cost: 1 + 10 * 2 });
    expect(estimateCost(schema, parse('query Q($n: Int) { people(first: $n) { nodes { name } } }'), { n: 3 }, undefined)).toEqual({ cost: 1 + 3 * 2 });
    expect(outcomeOf(estimateCost(schema, parse('query Q($n: Int!) { people(first: $n) { totalCount } }'), {}, undefined))).toEqual({ badInput: 'Variable "$n" of required type "Int!" was not provided.' });
  });

  it('adds the number of values in a filter or an ordering to the field that tests them', () => {
    const wide = `{ people(first: 1, filter: { OR: [${'{ name: { equals: "x" } }, '.repeat(50)}] }) { totalCount } }`;
    // The list, its 50 objects, each with a name object and its equals.
    expect(estimateCost(schema, parse(wide), {}, undefined)).toEqual({ cost: 1 + (1 + 1 + 50 * 3) + 1 * 1 });
    expect(estimateCost(schema, parse('{ people(first: 2, orderBy: [{ field: NAME, direction: DESC }]) { totalCount } }'), {}, undefined)).toEqual({ cost: 1 + 4 + 2 * 1 });
  });

  it('says which value cannot be applied: null for a non-null argument through a default, or for @skip', () => {
    const node = 'query ($id: ID = "Person:alice-example") { node(id: $id) { id } }';
    expect(outcomeOf(estimateCost(schema, parse(node), { id: null }, undefined))).toEqual({ badInput: 'Argument "id" of non-null type "ID!" must not be null.' });
    const skip = 'query ($s: Boolean = true) { countries { totalCount @skip(if: $s) } }';
    expect(outcomeOf(estimateCost(schema, parse(skip), { s: null }, undefined))).toEqual({ badInput: 'Argument "if" of non-null type "Boolean!" must not be null.' });
  });

  it('gives what getComplexity gives, on documents, variables and operation names of every kind', () => {
    const request = fc.tuple(
      fc.oneof(schemaDocument(schema), graphqlDocument),
      fc.record({ flag: fc.oneof(fc.boolean(), fc.constant('yes')), v: fc.boolean(), first: fc.integer({ min: -5, max: 200 }) }, { requiredKeys: [] }),
      fc.option(fc.constantFrom('Q', 'S', 'Other'), { nil: undefined }),
    );
    let priced = 0;
    fc.assert(
      fc.property(request, ([text, variables, operationName]) => {
        let document: DocumentNode;
        try {
          document = parse(text);
        } catch {
          return;
        }
        const expected = reference(document, variables, operationName);
        if ('cost' in expected) priced += 1;
        expect(outcomeOf(estimateCost(schema, document, variables, operationName)), text).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
    expect(priced).toBeGreaterThan(RUNS / 4);
  });
});

describe('the cost plugin', () => {
  it('refuses an operation whose cost cannot be estimated instead of running it unmetered', async () => {
    const limits = { maxDepth: 15, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 10_000, maxVariableDepth: 64, maxListLength: 100 };
    const hooks = await queryCostPlugin(limits).requestDidStart!({} as never);
    // An anonymous operation asked for by name cannot be priced; Apollo refuses such a request
    // before this hook, so the hook is called directly to see that it fails closed.
    const request = { schema, document: parse('{ people { totalCount } }'), request: { variables: {}, operationName: 'Named' }, operationName: null, contextValue: { store: { statistics: () => null } } };
    const error = await hooks!.didResolveOperation!(request as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect({ message: (error as GraphQLError).message, code: (error as GraphQLError).extensions.code }).toEqual({
      message: "The query's cost could not be estimated, so it is not run; simplify the query.",
      code: 'QUERY_COST_UNKNOWN',
    });
  });
});

describe('costs that match the work', () => {
  const sized = (people: number, signed: number): GraphStatistics => ({
    entities: { ...Object.fromEntries(ENTITY_TYPES.map((type) => [type, 10])), Person: people } as GraphStatistics['entities'],
    relationships: { ...Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, 10])), SIGNED: signed } as GraphStatistics['relationships'],
  });
  const costOf = (query: string, statistics: GraphStatistics) => (estimateCost(schema, parse(query), {}, undefined, statistics) as { cost: number }).cost;

  it('prices a filtered list by the entities its conditions may scan, so the same filter costs more on a bigger graph', () => {
    const filtered = '{ people(first: 10, filter: { name: { contains: "x" } }) { nodes { id } } }';
    const small = costOf(filtered, sized(1_000, 10));
    const large = costOf(filtered, sized(1_000_000, 10));
    expect(large - small).toBe(1000 - 1);
    // A name an index answers scans nothing, however big the graph.
    const indexed = '{ people(first: 10, filter: { name: { equals: "x" } }) { nodes { id } } }';
    expect(costOf(indexed, sized(1_000_000, 10))).toBe(costOf(indexed, sized(1_000, 10)));
  });

  it('prices a relationship quantifier by the relationships it follows', () => {
    const quantified = '{ people(first: 10, filter: { signedAgreements: { some: { id: { equals: "Agreement:a" } } } }) { nodes { id } } }';
    expect(costOf(quantified, sized(1_000, 2_000_000)) - costOf(quantified, sized(1_000, 1_000))).toBe(2000 - 1);
  });

  it('prices a search by the documents that may match, and a grouping by what it counts', () => {
    expect(costOf('{ search(query: "a", first: 1) { totalCount } }', sized(1_000_000, 10))).toBeGreaterThan(costOf('{ search(query: "a", first: 1) { totalCount } }', sized(10, 10)) + 900);
    const grouping = '{ groups(entityType: PERSON, by: { relationship: SIGNED, direction: OUTGOING }, first: 5) { totalCount } }';
    expect(costOf(grouping, sized(500_000, 500_000)) - costOf(grouping, sized(10, 10))).toBe(1000 - 1);
  });

  it('prices the unpaged evidenceIn and groupCounts by the most they answer', () => {
    const statistics = sized(10, 10);
    expect(costOf('{ evidenceIn(source: "Source:s", start: 0, end: 1) { kind } }', statistics)).toBe(1 + 1 + 1000 * 1);
    expect(costOf('{ factsIn(source: "Source:s", start: 0, end: 1, first: 10) { nodes { kind } } }', statistics)).toBe(1 + 1 + 10 * (1 + 1));
  });
});
