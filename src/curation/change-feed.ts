import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { principalOf, type Principal } from '../auth/access.js';
import { createContext, type Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { assertJsonContentType, parseJsonBody, readBody } from '../http/body.js';
import type { GraphQLRouteOptions } from '../http/graphql-route.js';
import { HttpRefusal } from '../http/refusal.js';
import type { RequestLog } from '../http/request-log.js';
import { resolveTrustedDocument, type DocumentParams } from '../operations/trusted-documents.js';
import type { JournalEntry } from '../store/graph-store.js';
import { changeCursor, readChangeCursor, type ChangeFilterArgs } from './journal.js';

/** What the subscribe-time run of a subscription found: the checked document and its coerced field arguments. */
export interface FeedCheck {
  accepted?: { document: DocumentNode; operation: OperationDefinitionNode; field: FieldNode; variables: Record<string, unknown>; args: Record<string, unknown> };
}

/** The variable that carries the cursor of the change a delivery answers. */
const CURSOR_VARIABLE = 'ententeChangeCursor';
/** Changes read from the journal at a time while catching up. */
const BATCH = 100;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The change feed's part of the pipeline. A subscription is run through Apollo once, at subscribe
 * time, with the context's `feed` set: Apollo parses it, validates it with every rule, resolves the
 * operation, and every plugin's didResolveOperation runs (roles, cost and budget); this plugin then
 * keeps the checked document and answers without executing anything. Anywhere else a subscription
 * is refused, since /graphql answers once.
 */
export function changeFeedPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return;
          const feed = contextValue.feed;
          if (operation.operation !== 'subscription') {
            if (feed) throw new GraphQLError('Only subscriptions are served at /graphql/stream; send queries and mutations to /graphql.', { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
            return;
          }
          if (!feed) {
            throw new GraphQLError('Subscriptions are served as server-sent events at /graphql/stream, not here; POST the same body there with Accept: text/event-stream.', {
              extensions: { code: ErrorCode.SUBSCRIPTION_NOT_SERVED_HERE, http: { status: 400 } },
            });
          }
          const { field, args } = subscriptionArguments(schema, operation, request.variables ?? {});
          feed.accepted = { document, operation, field, args, variables: request.variables ?? {} };
        },
        async responseForOperation({ contextValue }) {
          if (!contextValue.feed?.accepted) return null;
          return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: {} } } };
        },
      };
    },
  };
}

/** The subscription's one root field and its argument values, variables applied (validation has passed). */
function subscriptionArguments(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Record<string, unknown>): { field: FieldNode; args: Record<string, unknown> } {
  const field = operation.selectionSet.selections.find((selection): selection is FieldNode => selection.kind === Kind.FIELD);
  const root = schema.getSubscriptionType();
  const definition = field && root?.getFields()[field.name.value];
  if (!field || !definition) throw new GraphQLError('A subscription selects exactly one field, such as factsChanged.', { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) throw coerced.errors[0]!;
  return { field, args: getArgumentValues(definition, field, coerced.coerced) };
}

/**
 * The query that delivers one change for a subscription: the subscription's selection on
 * `change(cursor:)`, under the same response key, with the fragments and variables it uses, so a
 * delivery answers exactly what the subscription asked for.
 */
export function deliveryDocument(accepted: NonNullable<FeedCheck['accepted']>): DocumentNode {
  const { document, operation, field } = accepted;
  const selection: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: field.alias?.value ?? field.name.value },
    name: { kind: Kind.NAME, value: 'change' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'cursor' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: CURSOR_VARIABLE } } }],
    directives: field.directives ?? [],
    selectionSet: field.selectionSet,
  };
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const used = new Set<string>();
  // The variables the selection and fragments use; a definition is not a use.
  for (const node of [selection, ...fragments]) visit(node, { Variable: (variable) => void used.add(variable.name.value) });
  const cursorDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: CURSOR_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } },
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: operation.name,
    variableDefinitions: [...(operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value)), cursorDefinition],
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] },
  };
  return { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
}

/** Reads a stream request's GraphQL parameters: a JSON body for POST, the query string for GET. */
async function readParams(req: IncomingMessage, url: URL, options: GraphQLRouteOptions): Promise<DocumentParams & { variables?: unknown; operationName?: unknown }> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'POST') {
    assertJsonContentType(req.headers['content-type']);
    const body = parseJsonBody(await readBody(req, options.limits.maxBodyBytes));
    return resolveTrustedDocument(body as Record<string, unknown>, options.trustedDocuments);
  }
  if (method !== 'GET') throw new HttpRefusal(405, ErrorCode.METHOD_NOT_ALLOWED, `The change feed is served over GET and POST, not ${method.slice(0, 20)}.`, { allow: 'GET, POST' });
  const params: Record<string, unknown> = {};
  for (const name of ['query', 'documentId', 'operationName']) if (url.searchParams.has(name)) params[name] = url.searchParams.get(name);
  for (const name of ['variables', 'extensions']) {
    const text = url.searchParams.get(name);
    if (text === null) continue;
    try {
      params[name] = JSON.parse(text);
    } catch {
      throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, `"${name}" must be JSON.`);
    }
  }
  return resolveTrustedDocument(params, options.trustedDocuments);
}

/**
 * Serves subscriptions as server-sent events at /graphql/stream, in the "distinct connections"
 * format of the GraphQL over SSE protocol (graphql-sse): one subscription per request, each result
 * an `event: next` whose `data` is the result's JSON, `event: complete` at the end. Each event also
 * carries `id: <change cursor>`, so a client that reconnects with `Last-Event-ID` (as EventSource
 * does by itself) resumes after the last change it received.
 *
 * Every delivery runs through Apollo's pipeline (apollo.executeOperation, with the subscriber's key
 * and budget), as a query of the subscription's selection on `change(cursor:)`: roles, budgets,
 * metrics and traces see each one. Changes are delivered in journal order, each once per stream.
 */
export async function serveChangeFeed(req: IncomingMessage, res: ServerResponse, options: GraphQLRouteOptions, log: RequestLog): Promise<void> {
  const principal = principalOf(req, options.access);
  const url = new URL(req.url ?? '/', 'http://entente.invalid');
  const params = await readParams(req, url, options);
  const feed: FeedCheck = {};
  const checkContext = contextFor(options, principal, log.requestId);
  checkContext.feed = feed;
  const checked = await options.apollo.executeOperation(
    {
      query: typeof params.query === 'string' ? params.query : undefined,
      variables: (params.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof params.operationName === 'string' ? params.operationName : undefined,
      extensions: params.extensions as Record<string, unknown> | undefined,
    },
    { contextValue: checkContext },
  );
  const accepted = feed.accepted;
  if (!accepted || checked.body.kind !== 'single' || checked.body.singleResult.errors) {
    // Refused before any event: the pipeline's answer, as /graphql would give it.
    const body = checked.body.kind === 'single' ? JSON.stringify(checked.body.singleResult) : '{}';
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    for (const [name, value] of checked.http.headers) headers[name] = value;
    log.errorCodes = checked.body.kind === 'single' ? (checked.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN')) : [];
    res.writeHead(checked.http.status ?? 400, headers);
    res.end(body);
    return;
  }
  const store = options.curator?.store;
  const filter = (accepted.args.filter ?? {}) as ChangeFilterArgs;
  const lastEventId = req.headers['last-event-id'];
  const resumeFrom = typeof lastEventId === 'string' && lastEventId !== '' ? cursorOrRefusal(lastEventId, 'Last-Event-ID') : null;
  let after = resumeFrom ?? (accepted.args.after != null ? cursorOrRefusal(accepted.args.after as string, 'after') : store ? await store.head() : 0);
  const delivery = deliveryDocument(accepted);
  log.operationType = 'subscription';
  log.operationName = accepted.operation.name?.value;

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  res.write(': entente change feed\n\n');
  let closed = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  res.on('close', () => {
    closed = true;
    signal();
  });
  const stopWatching = store?.watch(() => signal()) ?? (() => {});
  const heartbeat = setInterval(() => {
    if (!closed) res.write(':\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    while (!closed) {
      // The head first: entries up to it that the read finds none of the filter's can be skipped.
      const head = store ? await store.head() : 0;
      const entries: JournalEntry[] = store ? await store.readJournal({ after, first: BATCH, about: filter.about ?? null, operations: filter.operations ?? null }) : [];
      if (entries.length === 0) {
        after = Math.max(after, head);
        // Caught up: wait for the next commit (or the client leaving), then read again.
        if (!store || (await store.head()) === after) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (closed) signal();
          });
        }
        continue;
      }
      for (const entry of entries) {
        if (closed) break;
        const result = await deliver(options, principal, log.requestId, delivery, accepted.variables, entry);
        res.write(`id: ${changeCursor(entry)}\nevent: next\ndata: ${JSON.stringify(result)}\n\n`);
        after = entry.sequence;
        if (result.errors?.some((error) => error.extensions?.code === ErrorCode.BUDGET_EXCEEDED)) {
          // Spent: the stream ends; the client resumes from its last event id when the budget is back.
          closed = true;
        }
      }
    }
  } finally {
    clearInterval(heartbeat);
    stopWatching();
    if (!res.writableEnded) res.end('event: complete\ndata:\n\n');
  }
}

/** A change cursor from the request, or a 400 before the stream starts. */
function cursorOrRefusal(cursor: string, argument: string): number {
  try {
    return readChangeCursor(cursor, argument);
  } catch (error) {
    throw new HttpRefusal(400, ErrorCode.BAD_USER_INPUT, (error as Error).message);
  }
}

function contextFor(options: GraphQLRouteOptions, principal: Principal, requestId: string): Context {
  return createContext(options.store, requestId, undefined, undefined, { principal, budgets: options.access.budgets, curator: options.curator });
}

/** Runs one delivery through Apollo's pipeline and returns its result as the event's data. */
async function deliver(
  options: GraphQLRouteOptions,
  principal: Principal,
  requestId: string,
  document: DocumentNode,
  variables: Record<string, unknown>,
  entry: JournalEntry,
): Promise<{ data?: unknown; errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>; extensions?: unknown }> {
  const response = await options.apollo.executeOperation(
    { query: document, variables: { ...variables, [CURSOR_VARIABLE]: changeCursor(entry) } },
    { contextValue: contextFor(options, principal, requestId) },
  );
  if (response.body.kind !== 'single') return { errors: [{ extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] };
  return response.body.singleResult as never;
}
