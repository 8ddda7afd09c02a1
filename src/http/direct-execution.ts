import { execute, getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import Negotiator from 'negotiator';
import type { Context } from '../context.js';
import { estimateCost } from '../limits/query-cost.js';
import { andThen, type MaybePromise } from '../lib/maybe-promise.js';
import { recordOperation, type Metrics } from '../metrics.js';

/** The fields of a POST body the direct path understands; a body with any other is left to Apollo. */
export interface DirectRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/** A finished answer from the direct path: always a 200 with data and no errors. */
export interface DirectAnswer {
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';
/** Apollo offers these three, in this order, when it picks the media type of a single result. */
const OFFERED = [JSON_TYPE, GRAPHQL_RESPONSE_TYPE, 'application/json; callbackSpec=1.0; charset=utf-8'];
const MAX_REMEMBERED_ACCEPTS = 64;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The request a POST body makes, when it is one the direct path can answer: a document, and only
 * variables (an object), an operation name (a string) and extensions that Apollo would ignore (an
 * object without a persisted query) besides. Anything else (a persisted query, a malformed field,
 * a field Apollo does not know) is for Apollo, which answers it or refuses it in its own words.
 */
export function directRequestOf(body: unknown): DirectRequest | undefined {
  if (!isRecord(body) || typeof body.query !== 'string' || body.query === '') return undefined;
  const { variables, operationName, extensions } = body;
  let fields = 1;
  if (variables !== undefined) fields += 1;
  if (operationName !== undefined) fields += 1;
  if (extensions !== undefined) fields += 1;
  if (Object.keys(body).length !== fields) return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (extensions !== undefined && extensions !== null && (!isRecord(extensions) || 'persistedQuery' in extensions)) return undefined;
  return { query: body.query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

export interface DirectExecutorOptions {
  schema: GraphQLSchema;
  maxCost: number;
  metrics?: Metrics;
}

/**
 * Runs a query whose document the document store has already parsed and validated, without
 * Apollo's request pipeline. Apollo spends about as much on its pipeline (plugin hooks, request
 * context, a second hash of the query, content negotiation) as graphql-js spends executing a small
 * query; on a request no cache can answer that is most of the cost. This path does only what a
 * successful query needs from that pipeline, in the same way: it resolves the operation, estimates
 * its cost against the same limit, executes with graphql-js, counts the operation in the same
 * metrics, and writes the body and content type Apollo would.
 *
 * It answers only when the outcome is a plain success. Whenever Apollo would say anything else (a
 * missing or ambiguous operation, a cost over the limit, variables that do not fit, any error in
 * the result) it returns undefined and the request goes to Apollo, which then answers it as it
 * always does: queries only read an immutable graph, so running one again changes nothing.
 * tests/direct-execution.test.ts checks that every answer is byte for byte Apollo's.
 */
export class DirectExecutor {
  private readonly contentTypes = new Map<string, string | null>();

  constructor(private readonly options: DirectExecutorOptions) {}

  /**
   * `knownCost` is the operation's cost when the plain validator worked it out; otherwise it is
   * estimated here. The answer comes at once when execution finished without waiting (every
   * resolver answered from memory), so the caller needs no timer for it, and as a promise otherwise.
   */
  answer(document: DocumentNode, request: DirectRequest, accept: string | undefined, context: Context, knownCost?: number): MaybePromise<DirectAnswer | undefined> {
    const started = process.hrtime.bigint();
    const contentType = this.contentTypeFor(accept);
    if (contentType === null) return undefined;
    const operation = getOperationAST(document, request.operationName);
    if (operation === null || operation === undefined || operation.operation !== 'query') return undefined;
    const estimate = knownCost !== undefined ? { cost: knownCost } : estimateCost(this.options.schema, document, request.variables ?? {}, request.operationName);
    if (!('cost' in estimate) || estimate.cost > this.options.maxCost) return undefined;
    const { cost } = estimate;
    const executed = execute({
      schema: this.options.schema,
      document,
      contextValue: context,
      variableValues: request.variables,
      operationName: request.operationName,
    });
    return andThen(executed, (result) => {
      if (result.errors !== undefined || result.data === undefined || result.data === null) return undefined;
      // As Apollo writes a single result (errors, data, extensions, then a newline), with the cost
      // the query-cost plugin adds to every answer.
      const body = `${JSON.stringify({ data: result.data, extensions: { ...result.extensions, cost: { requested: cost, limit: this.options.maxCost } } })}\n`;
      if (this.options.metrics) recordOperation(this.options.metrics, operation.name?.value, started, [], false);
      return { headers: { 'content-type': contentType }, body };
    });
  }

  /** The media type Apollo would answer an Accept header with, or null when it would refuse it (406). */
  private contentTypeFor(accept: string | undefined): string | null {
    if (!accept) return JSON_TYPE;
    let found = this.contentTypes.get(accept);
    if (found === undefined) {
      found = new Negotiator({ headers: { accept } }).mediaType(OFFERED) ?? null;
      // Accept headers come from clients: only a few distinct ones are remembered.
      if (this.contentTypes.size < MAX_REMEMBERED_ACCEPTS) this.contentTypes.set(accept, found);
    }
    return found;
  }
}
