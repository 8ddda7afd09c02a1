import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from './context.js';
import { ErrorCode } from './errors.js';
import { resolvers } from './modules/index.js';
import { readTypeDefs } from './schema.js';

export interface ServerOptions {
  /** Called with each internal error before its message is hidden from the client. */
  onInternalError?: (error: unknown) => void;
}

/**
 * Hides the message of anything that is not a deliberate refusal: a client sees a stable code and a
 * sentence, never an internal message, path or stack.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, options: ServerOptions): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
    options.onInternalError?.(error);
    return {
      message: 'The server could not complete this part of the request; the failure has been logged.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

/** Builds the Apollo server for the graph, without listening: tests and the HTTP front share it. */
export function createApolloServer(options: ServerOptions = {}): ApolloServer<Context> {
  return new ApolloServer<Context>({
    typeDefs: readTypeDefs(),
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The graph serves its own offline IDE; Apollo's landing page would load code from a CDN.
    // No field sets cache hints, so the per-field cache-control wrapper is pure cost.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted, error) => maskError(formatted, error, options),
  });
}
