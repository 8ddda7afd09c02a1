import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { specifiedRules, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { DEFAULT_ANSWER_CACHE_BYTES, DEFAULT_DOCUMENT_CACHE_BYTES, DEFAULT_LIMITS, type QueryLimits } from './config.js';
import type { Context } from './context.js';
import { ErrorCode, limitExceeded } from './errors.js';
import { accessPlugin } from './auth/access-plugin.js';
import { changeFeedPlugin } from './curation/change-feed.js';
import { queryCostPlugin } from './limits/query-cost.js';
import { introspectionDisabledRule, knownOperationTypesRule, limitRules } from './limits/validation-rules.js';
import { metricsPlugin, type Metrics } from './metrics.js';
import { AnswerCache, answerCachePlugin } from './operations/answer-cache.js';
import { DocumentCache } from './operations/document-cache.js';
import type { DocumentManifest } from './operations/trusted-documents.js';
import { unknownDocumentsPlugin, type UnknownDocument, type UnknownDocumentsOptions } from './operations/unknown-documents.js';
import { requestLogPlugin } from './http/request-log.js';
import { resolvers } from './modules/index.js';
import { readSubgraphTypeDefs, readTypeDefs } from './schema.js';
import { buildEntenteSubgraph } from './federation/subgraph.js';

export interface ServerOptions {
  /** Called with each internal error, and the id of the request it happened in, before its message is hidden from the client. */
  onInternalError?: (error: unknown, requestId: string | undefined) => void;
  limits?: QueryLimits;
  /** Whether the schema may be introspected; on by default, since the IDE needs it. */
  introspection?: boolean;
  /** Production hides field suggestions ("Did you mean ...?") that would reveal the schema. */
  production?: boolean;
  /** Most documents in the automatic persisted queries cache; 0 switches APQ off. */
  apqCacheSize?: number;
  /** Where operations are counted; none when omitted. */
  metrics?: Metrics;
  /** Bytes of parsed, validated documents kept; DEFAULT_DOCUMENT_CACHE_BYTES when omitted. */
  documentCacheBytes?: number;
  /** Bytes of query answers kept inside the pipeline (src/operations/answer-cache.ts); DEFAULT_ANSWER_CACHE_BYTES when omitted, 0 for none. */
  answerCacheBytes?: number;
  /** Whether the schema is an Apollo Federation 2 subgraph (src/federation/); off when omitted. */
  federation?: boolean;
  /** Trusted documents, parsed and validated once at start-up into the document cache. */
  manifest?: DocumentManifest;
  /**
   * Called with each document run that is not in `manifest`, once per document and at most 60
   * times a minute (src/operations/unknown-documents.ts); for `allow` mode.
   */
  onUnknownDocument?: (document: UnknownDocument) => void;
  /** The rate limit and clock of those reports; 60 a minute by the system clock when omitted. */
  unknownDocumentLimits?: Pick<UnknownDocumentsOptions, 'perMinute' | 'now'>;
  /** More Apollo plugins (tracing, usage reporting, auth): every executed request runs their hooks. */
  plugins?: ReadonlyArray<ApolloServerPlugin<Context>>;
}

/** Apollo, and the cache of parsed, validated documents it looks documents up in. */
export interface GraphQLServer {
  apollo: ApolloServer<Context>;
  /** Absent when switched off (documentCacheBytes 0). */
  documents: DocumentCache | undefined;
  /** Absent when switched off (answerCacheBytes 0). */
  answers: AnswerCache | undefined;
  /** The SDL of the schema that runs, served at /schema.graphql. */
  sdl: string;
}

// graphql 16.15 writes "more that"; both spellings are accepted so a fix upstream does not break this.
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens\. Parsing aborted\.$/;
const SUGGESTION = /\s*Did you mean [^?]*\?/g;


/**
 * The code a validation rule gave its error; Apollo overwrites it with GRAPHQL_VALIDATION_FAILED.
 * Read by shape, not `instanceof`: Apollo and this module may load different copies of graphql
 * (its CommonJS and ES module builds).
 */
function ruleCode(error: unknown): string | undefined {
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | null)?.originalError;
  const code = original?.extensions?.code;
  return typeof code === 'string' && code in ErrorCode ? code : undefined;
}

/** Whether an error is the server's own failure, whose message a client must not see. */
export function isInternalError(code: unknown, message: string): boolean {
  return code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR || (code === 'GRAPHQL_PARSE_FAILED' && !message.startsWith('Syntax Error'));
}

/**
 * Reports each internal error with the id of the request it happened in. Apollo's formatError
 * knows no request, so the report is made here, where the context is known.
 */
function internalErrorPlugin(onInternalError: NonNullable<ServerOptions['onInternalError']>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isInternalError(error.extensions?.code, error.message)) onInternalError(error.originalError ?? error, contextValue.requestId);
          }
        },
      };
    },
  };
}

/**
 * Hides the message of anything that is not a deliberate refusal: a client sees a stable code and a
 * sentence, never an internal message, path or stack. Limit refusals from validation get their own
 * code back, and in production field suggestions are cut from messages.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, options: ServerOptions): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isInternalError(code, formatted.message)) {
    // Not the parser's own complaint (a stack overflow, say): its message is internal too.
    if (code === 'GRAPHQL_PARSE_FAILED') return { message: 'The document could not be parsed.', extensions: { code } };
    return {
      message: 'The server could not complete this part of the request; the failure has been logged.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  const tokenLimit = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
  if (tokenLimit) {
    const limit = Number(tokenLimit[1]);
    const refusal = limitExceeded(ErrorCode.TOO_MANY_TOKENS, `The document has more than ${limit} tokens, the limit; send a shorter document.`, limit);
    return { message: refusal.message, extensions: refusal.extensions };
  }
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  const restored = ruleCode(error);
  if (restored) extensions.code = restored;
  const message = options.production ? formatted.message.replace(SUGGESTION, '') : formatted.message;
  return { ...formatted, message, extensions };
}

/** Builds the Apollo server for the graph, without listening: tests and the HTTP front share it. */
export function createGraphQLServer(options: ServerOptions = {}): GraphQLServer {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const apqCacheSize = options.apqCacheSize ?? 1000;
  const validationRules: ValidationRule[] = [knownOperationTypesRule, ...limitRules(limits)];
  if (options.introspection === false) validationRules.push(introspectionDisabledRule);
  const typeDefs = options.federation ? readSubgraphTypeDefs() : readTypeDefs();
  const schema = options.federation ? buildEntenteSubgraph(typeDefs.join('\n'), resolvers) : makeExecutableSchema<Context>({ typeDefs, resolvers });
  const documentCacheBytes = options.documentCacheBytes ?? DEFAULT_DOCUMENT_CACHE_BYTES;
  const documents = documentCacheBytes > 0 ? new DocumentCache({ maxBytes: documentCacheBytes }) : undefined;
  const answerCacheBytes = options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_BYTES;
  const answers = answerCacheBytes > 0 ? new AnswerCache(answerCacheBytes) : undefined;
  // The rules Apollo validates with when `introspection` is on: graphql-js's, then ours.
  if (options.manifest) documents?.preload(options.manifest, schema, [...specifiedRules, ...validationRules], limits.maxTokens);
  const apollo = new ApolloServer<Context>({
    schema,
    documentStore: documents ?? null,
    // Introspection is refused by our own rule, with a stable code and no advice about Apollo's options.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // src/index.ts drains the HTTP server on SIGTERM/SIGINT; Apollo's own handler would stop the
    // server and re-raise the signal before the requests in flight have finished.
    stopOnTerminationSignals: false,
    // graphql-js stops parsing at the limit; armor's token plugin would turn that into a 500 on Apollo 5.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules,
    // Bounded by count and by size, so persisted queries cannot grow memory without limit.
    cache: new InMemoryLRUCache<string>({ max: Math.max(apqCacheSize, 1), maxSize: 32 * 1024 * 1024 }),
    persistedQueries: apqCacheSize === 0 ? false : {},
    // The graph serves its own offline IDE; Apollo's landing page would load code from a CDN.
    // No field sets cache hints, so the per-field cache-control wrapper is pure cost.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // A subgraph would otherwise trace every request a router asks it to, for Apollo's usage reporting.
      ...(options.federation ? [ApolloServerPluginInlineTraceDisabled()] : []),
      queryCostPlugin(limits),
      // After the cost plugin, whose estimate it charges to the request's budget.
      accessPlugin(),
      changeFeedPlugin(),
      // After the change feed's, which answers a subscription's check without executing it.
      ...(answers ? [answerCachePlugin(answers, options.metrics)] : []),
      ...(options.onInternalError ? [internalErrorPlugin(options.onInternalError)] : []),
      ...(options.metrics ? [metricsPlugin<Context>(options.metrics)] : []),
      // After the cost limit's plugin, whose willSendResponse writes the cost these read.
      requestLogPlugin<Context>(),
      ...(options.onUnknownDocument
        ? [
            unknownDocumentsPlugin<Context>({
              ...options.unknownDocumentLimits,
              manifest: options.manifest ?? new Map(),
              report: options.onUnknownDocument,
              count: options.metrics && (() => options.metrics!.unknownDocuments.inc()),
            }),
          ]
        : []),
      ...(options.plugins ?? []),
    ],
    formatError: (formatted, error) => maskError(formatted, error, options),
  });
  return { apollo, documents, answers, sdl: typeDefs.join('\n') };
}
