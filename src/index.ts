import { ConfigError, readConfig } from './config.js';
import { createHttpServer } from './http.js';
import { createApolloServer } from './server.js';
import { loadMemoryStore } from './store/load.js';
import { SeedError } from './store/seed.js';

async function main(): Promise<void> {
  const config = readConfig();
  const store = await loadMemoryStore(config.seedDir, config.sourceTextsDir);
  const apollo = createApolloServer({ onInternalError: (error) => console.error(error) });
  await apollo.start();
  const server = createHttpServer({ apollo, store, maxBodyBytes: config.maxBodyBytes, studio: config.studio });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(config.host) ? 'localhost' : config.host;
  console.log(`Entente is serving the graph (version ${store.version}) at http://${shownHost}:${port}/`);

  const stop = (signal: string) => {
    console.log(`${signal} received: finishing open requests, then stopping.`);
    server.close(() => {
      void apollo.stop().then(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof SeedError || error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') console.error(`Cannot listen: ${error.message}. Set PORT to a free port.`);
  else console.error(error);
  process.exit(1);
});
