import type { ApolloServerPlugin } from '@apollo/server';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import type { TracingConfig } from './config.js';
import { errorCodesOf } from './http/request-log.js';

/** Traces of GraphQL requests, and how to end them. */
export interface Tracing {
  /** Makes a trace of every request Apollo's pipeline runs; list it after the cost limit's plugin. */
  plugin: ApolloServerPlugin<{ requestId?: string | undefined }>;
  /** Sends the spans still held and stops; for the end of the process. */
  shutdown: () => Promise<void>;
}

const headerGetter: TextMapGetter<Map<string, string>> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key.toLowerCase()),
};

/** `extensions.cost` as span attributes: each number in it as `entente.cost.<name>`. */
function costAttributes(cost: unknown): Attributes {
  if (typeof cost !== 'object' || cost === null) return {};
  const attributes: Attributes = {};
  for (const [name, value] of Object.entries(cost)) if (typeof value === 'number') attributes[`entente.cost.${name}`] = value;
  return attributes;
}

function endSpan(span: Span, error: Error | undefined): void {
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error.message.slice(0, 200) });
  span.end();
}

/**
 * An Apollo plugin that makes one span per request, a child of the caller's span when the request
 * carries a W3C `traceparent`, with child spans for parsing, validation and execution (no span per
 * field: a list of a hundred nodes would make thousands). The request span is named as the
 * OpenTelemetry GraphQL conventions ask (`query WhoSigned`) and carries the operation's name and
 * type, its cost and the codes of its errors; never the document, variables or a header value.
 */
export function tracingPlugin(tracer: Tracer): ApolloServerPlugin<{ requestId?: string | undefined }> {
  const propagator = new W3CTraceContextPropagator();
  return {
    async requestDidStart({ request, contextValue }) {
      const parent = request.http ? propagator.extract(ROOT_CONTEXT, request.http.headers, headerGetter) : ROOT_CONTEXT;
      const span = tracer.startSpan(
        'GraphQL Operation',
        { kind: SpanKind.SERVER, attributes: { ...(request.http ? { 'http.request.method': request.http.method } : {}), ...(contextValue.requestId ? { 'entente.request_id': contextValue.requestId } : {}) } },
        parent,
      );
      const inRequest = trace.setSpan(parent, span);
      const step = (name: string) => tracer.startSpan(name, { kind: SpanKind.INTERNAL }, inRequest);
      return {
        async parsingDidStart() {
          const parsing = step('graphql.parse');
          return async (error) => endSpan(parsing, error);
        },
        async validationDidStart() {
          const validation = step('graphql.validate');
          return async (errors) => endSpan(validation, errors?.[0]);
        },
        async didResolveOperation({ operationName, operation }) {
          if (!operation) return;
          const type = operation.operation;
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          span.updateName(operationName ? `${type} ${operationName}` : type);
        },
        async executionDidStart() {
          const execution = step('graphql.execute');
          return {
            async executionDidEnd(error) {
              endSpan(execution, error);
            },
          };
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            const { errors, extensions } = response.body.singleResult;
            span.setAttributes(costAttributes(extensions?.cost));
            const codes = errorCodesOf(errors);
            if (codes.length > 0) {
              span.setAttribute('entente.graphql.error_codes', codes);
              span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
            }
          }
          span.end();
        },
      };
    },
  };
}

function samplerOf(config: Pick<TracingConfig, 'sampler' | 'samplerRatio'>): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** Traces sent to the given span processors (tests use an in-memory exporter). */
export function createTracing(processors: SpanProcessor[], sampling: Pick<TracingConfig, 'sampler' | 'samplerRatio'> = { sampler: 'parentbased_always_on', samplerRatio: 1 }): Tracing {
  // The service is entente unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'entente' }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({ resource, sampler: samplerOf(sampling), spanProcessors: processors });
  return { plugin: tracingPlugin(provider.getTracer('entente')), shutdown: () => provider.shutdown() };
}

/**
 * Traces as the configuration says: OTLP over HTTP (protobuf or JSON; the exporter reads its
 * endpoint, headers, timeout and compression from the OTEL_EXPORTER_OTLP_* variables) and/or the
 * console, batched. Loaded only when tracing is configured, so a server without it loads none of this.
 */
export async function startTracing(config: TracingConfig): Promise<Tracing> {
  const exporters: SpanExporter[] = [];
  for (const name of config.exporters) {
    if (name === 'console') exporters.push(new ConsoleSpanExporter());
    else if (config.protocol === 'http/json') exporters.push(new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter());
    else exporters.push(new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter());
  }
  return createTracing(
    exporters.map((exporter) => new BatchSpanProcessor({ exporter })),
    config,
  );
}
