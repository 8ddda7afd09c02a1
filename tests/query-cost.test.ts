import { makeExecutableSchema } from '@graphql-tools/schema';
import fc from 'fast-check';
import { parse, type DocumentNode } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { estimateCost, pageSizeEstimator, type CostEstimate } from '../src/limits/query-cost.js';
import { resolvers } from '../src/modules/index.js';
import { readTypeDefs } from '../src/schema.js';
import { graphqlDocument, schemaDocument } from './arbitraries.js';

const schema = makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers });
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** The estimate as graphql-query-complexity's own `getComplexity` gives it, walk and all. */
function reference(document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): CostEstimate {
  try {
    return { cost: getComplexity({ schema, query: document, variables, operationName, estimators: [pageSizeEstimator], maxQueryNodes: 10_000 }) };
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) return { tooLarge: true };
    return { unknown: true };
  }
}

describe('estimateCost', () => {
  it('prices pages, id lists and nesting', () => {
    expect(estimateCost(schema, parse('{ people(first: 10) { nodes { name } } }'), {}, undefined)).toEqual({ cost: 1 + 10 * 2 });
    expect(estimateCost(schema, parse('query Q($n: Int) { people(first: $n) { nodes { name } } }'), { n: 3 }, undefined)).toEqual({ cost: 1 + 3 * 2 });
    expect(estimateCost(schema, parse('query Q($n: Int!) { people(first: $n) { totalCount } }'), {}, undefined)).toEqual({ unknown: true });
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
        expect(estimateCost(schema, document, variables, operationName), text).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
    expect(priced).toBeGreaterThan(RUNS / 4);
  });
});
