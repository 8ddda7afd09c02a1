// Lints the GraphQL contract and the operations written against it. Schema and documents are found
// through .graphqlrc.yml, the config codegen and editors read too.
import graphql from '@graphql-eslint/eslint-plugin';

const language = { languageOptions: { parser: graphql.parser }, plugins: { '@graphql-eslint': graphql } };
const [, recommendedNaming] = graphql.configs['flat/schema-recommended'].rules['@graphql-eslint/naming-convention'];

export default [
  { ignores: ['node_modules/', 'src/generated/'] },
  {
    files: ['schema/*.graphql', 'schema.graphql'],
    ...language,
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      ...graphql.configs['flat/schema-relay'].rules,
      // Connections are forward-only by design (`first`/`after`, README "The graph"): the store pages
      // by cursor in index order, and no client pages backwards.
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // Connections carry `nodes` beside `edges`, and entities have plain lists (`aliases`, `labels`,
      // `mentions`), as GitHub's schema does. Search hits and timeline entries are results without an
      // identity of their own; the Relay spec lets an edge's node be any type.
      '@graphql-eslint/relay-edge-types': ['error', { listTypeCanWrapOnlyEdgeType: false, shouldImplementNode: false }],
      // Pages, edges, mutation payloads and value objects (a date, a piece of evidence, a search hit,
      // a path, a user error, a mention of a name in a text) have no identity of their own; a journal Change is known by its
      // sequence and cursor; everything else that has one implements Node with `id: ID!`.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          exceptions: {
            suffixes: ['Connection', 'Edge', 'Payload'],
            types: ['PageInfo', 'Label', 'PartialDate', 'Evidence', 'EvidenceContext', 'AttributeEvidence', 'SameAsLink', 'GroupCount', 'Snippet', 'TextSpan', 'SearchHit', 'Fact', 'TimelineEntry', 'Neighborhood', 'PathHop', 'Path', 'SourceCoverage', 'Sentence', 'UserError', 'Change', 'Mention'],
          },
        },
      ],
      // Filters combine conditions with AND, OR and NOT, written in capitals so they cannot be
      // mistaken for a field of the filtered type.
      '@graphql-eslint/naming-convention': ['error', { ...recommendedNaming, InputValueDefinition: { style: 'camelCase', ignorePattern: '^(AND|OR|NOT)$' } }],
    },
  },
  {
    // The declaration's own directives (schema/directives.graphql) are read by the generator, which
    // checks every use of them, and never reach the served schema the rules look them up in.
    files: ['schema/*.graphql'],
    rules: {
      '@graphql-eslint/known-directives': 'off',
      '@graphql-eslint/no-unreachable-types': 'off',
      // An entity type's `id` is one of the shared fields the generator adds; schema.graphql has it.
      '@graphql-eslint/strict-id-in-types': 'off',
    },
  },
  {
    // `Entity.entityType` is named so that it reads the same on every entity type that inherits it;
    // the rule would want `type`, which clashes with `Relationship.type` in fragments on Node.
    files: ['schema/base.graphql', 'schema.graphql'],
    rules: { '@graphql-eslint/no-typename-prefix': 'off' },
  },
  {
    files: ['operations/*.graphql'],
    ...language,
    rules: graphql.configs['flat/operations-recommended'].rules,
  },
];
