import { ConfigError, readConfig } from './config.js';
import { ManifestError, loadManifest } from './operations/trusted-documents.js';
import { createHttpServer, type Lifecycle } from './http/http-server.js';
import { NESTING_MARGIN } from './limits/nesting.js';
import { createLogger, endLogs } from './logger.js';
import { createMetrics } from './metrics.js';
import { createGraphQLServer } from './server.js';
import { drainServer } from './shutdown.js';
import { warmUpBeforeReady } from './warm-up.js';
import { openStore } from './store/open-store.js';
import { EmptyDatabaseError, isUnreachable } from './store/postgres/database-errors.js';
import { SeedError } from './store/seed.js';
import { Budgets } from './auth/budgets.js';
import { loadKeyRing } from './auth/load-keys.js';
import { Curator } from './curation/curator.js';
import { JournalError } from './store/journal-file.js';
import { isWritable } from './store/graph-store.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const manifest = loadManifest(config.trustedDocumentsManifest, config.trustedDocuments === 'enforce');
  const keys = loadKeyRing(config);
  const { store, close: closeStore } = await openStore(config, (message) => logger.info(message), (message) => logger.warn(message));
  const curator = isWritable(store) ? new Curator(store, config.curation) : undefined;
  const metrics = createMetrics();
  // Loaded only when an OTEL_* variable asks for traces: without, no OpenTelemetry code is loaded or run.
  const tracing = config.tracing ? await (await import('./tracing.js')).startTracing(config.tracing) : undefined;
  const graphql = createGraphQLServer({
    onInternalError: (error, requestId) => logger.error({ err: error, requestId }, 'internal error'),
    limits: config.limits,
    introspection: config.introspection,
    production: config.production,
    // With trusted documents enforced, every document comes from the manifest; APQ would be a side door.
    apqCacheSize: config.trustedDocuments === 'enforce' ? 0 : config.apqCacheSize,
    documentCacheBytes: config.documentCacheBytes,
    answerCacheBytes: config.answerCacheBytes,
    manifest,
    metrics,
    federation: config.federation,
    // Under enforce, unknown documents are refused before Apollo; under allow, each is reported.
    onUnknownDocument:
      config.trustedDocuments === 'allow'
        ? ({ requestId, documentHash, operationName, suppressed }) =>
            logger.info({ requestId, documentHash, operationName, ...(suppressed > 0 ? { suppressed } : {}) }, 'unknown document (not in the trusted-documents manifest)')
        : undefined,
    plugins: tracing ? [tracing.plugin] : [],
  });
  const { apollo } = graphql;
  await apollo.start();
  const lifecycle: Lifecycle = { draining: false };
  const server = createHttpServer({
    graphql,
    store,
    limits: config.http,
    corsOrigins: config.corsOrigins,
    maxNesting: config.limits.maxDepth + NESTING_MARGIN,
    trustedDocuments: { mode: config.trustedDocuments, manifest },
    logger,
    metrics,
    lifecycle,
    studio: config.studio,
    responseCacheBytes: config.responseCacheBytes,
    publicUrl: config.publicUrl ?? undefined,
    slowRequestMs: config.slowRequestMs,
    access: { keys, readRequiresKey: config.readRequiresKey, budgets: new Budgets(), keyBudgetPerMinute: config.keyBudgetPerMinute, anonymousBudgetPerMinute: config.anonymousBudgetPerMinute },
    curator,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(config.host) ? 'localhost' : config.host;
  console.log(`Entente is serving the graph (version ${store.version}) at http://${shownHost}:${port}/`);
  // Indexes built on first use are built now, in slices, while requests are served; /ready waits for them.
  void warmUpBeforeReady(store, lifecycle, logger);
  logger.info(
    { port, host: config.host, store: config.store, graphVersion: store.version, journal: curator ? 'on' : 'off', keys: keys.size, production: config.production, trustedDocuments: config.trustedDocuments, documents: manifest.size, tracing: config.tracing?.exporters ?? [] },
    'started',
  );

  let stopping = false;
  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: finishing open requests');
    void drainServer(server, lifecycle, config.shutdownGraceMs)
      .then(async (outcome) => {
        await apollo.stop();
        await closeStore();
        await tracing?.shutdown();
        logger.info({ outcome }, 'stopped');
        await endLogs(logger);
        process.exit(exitCode);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // The last resort: every request runs inside the HTTP server's error boundary, so reaching these
  // is a bug. A rejected promise nobody awaited leaves nothing half-done, so serving goes on; an
  // exception thrown out of an event handler may have left state half-changed, so the server
  // finishes the requests in flight and exits non-zero for its supervisor to restart it.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection; still serving'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; finishing open requests, then exiting');
    stop('uncaughtException', 1);
  });
}

main().catch((error: unknown) => {
  if (error instanceof SeedError || error instanceof ConfigError || error instanceof ManifestError || error instanceof JournalError || error instanceof EmptyDatabaseError) console.error(error.message);
  else if (isUnreachable(error)) console.error(`Cannot reach the graph database (${(error as Error).message}); check DATABASE_URL and that PostgreSQL is running.`);
  else if (error instanceof Error && 'severity' in error) console.error(`The graph database refused the service: ${error.message}. Check DATABASE_URL.`);
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') console.error(`Cannot listen: ${error.message}. Set PORT to a free port.`);
  else console.error(error);
  process.exit(1);
});
