import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../config.js';
import { ErrorCode, limitExceeded } from '../errors.js';

/** Reads the count graphql-armor found ("... exceeded, found 12.") from its rejection message. */
function foundIn(error: GraphQLError): number | undefined {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Reports graphql-armor's rejection as our own error with a stable code, instead of letting armor
 * throw out of validation (which Apollo would answer as an internal error).
 */
function reportAs(code: ErrorCode, limit: number, describe: (found: number | undefined) => string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitExceeded(code, describe(foundIn(error)), limit, { found: foundIn(error) }))],
  };
}

/** Refuses introspection fields when introspection is switched off; __typename stays allowed. */
export function introspectionDisabledRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const name = node.name.value;
      if (name === '__schema' || name === '__type') {
        context.reportError(
          new GraphQLError(`Introspection is switched off on this server, so "${name}" cannot be queried.`, {
            nodes: node,
            extensions: { code: ErrorCode.INTROSPECTION_DISABLED },
          }),
        );
      }
    },
  };
}

/**
 * Refuses an operation whose type the schema does not have (`mutation` on a schema without a
 * Mutation type). graphql-js 16 has no such rule (17 adds KnownOperationTypesRule), so without it
 * the operation reaches execution, which fails as an internal error.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const rootOf = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() };
  return {
    OperationDefinition(node) {
      if (rootOf[node.operation]) return;
      context.reportError(new GraphQLError(`This schema has no ${node.operation} operations; send a query instead.`, { nodes: node }));
    },
  };
}

/** The validation rules that enforce the depth, alias and directive limits, in graphql-armor. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // armor skips __schema by default, which would let introspection nest without bound.
      ignoreIntrospection: false,
      // Depth counts fields, not fragment spreads, so the IDE's introspection query fits the default.
      flattenFragments: true,
      ...reportAs(ErrorCode.QUERY_TOO_DEEP, limits.maxDepth, (found) => `The query nests ${found ?? 'more'} levels deep, over the limit of ${limits.maxDepth}; ask for fewer nested levels.`),
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      ...reportAs(ErrorCode.TOO_MANY_ALIASES, limits.maxAliases, (found) => `The query uses ${found ?? 'too many'} aliases, over the limit of ${limits.maxAliases}; use fewer aliases.`),
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...reportAs(ErrorCode.TOO_MANY_DIRECTIVES, limits.maxDirectives, (found) => `The query uses ${found ?? 'too many'} directives, over the limit of ${limits.maxDirectives}; use fewer directives.`),
    }),
  ];
}
