import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadAssets, type AssetTable } from './assets.js';
import { readTypeDefs } from '../schema.js';
import { readExampleTabs, readPageOperations, schemaEnumValues } from './operations.js';
import { contentSecurityPolicy, curatePage, explorePage, idePage, type CurationVocabulary } from './pages.js';
import { VOCABULARY } from '../generated/catalogue.js';

interface Studio {
  assets: AssetTable;
  ide: Buffer;
  explore: Buffer;
  curate: Buffer;
}

/** The relationship types with the entity type codes (as `entityType` answers them) each may link, the languages and the evidence methods. */
function curationVocabulary(typeDefs: string): CurationVocabulary {
  const code = (type: string) => type.toUpperCase();
  const relationships = Object.fromEntries(Object.entries(VOCABULARY).map(([type, rule]) => [type, { from: rule.from.map(code), to: rule.to.map(code) }]));
  return { relationships, languages: schemaEnumValues(typeDefs, 'Language'), methods: schemaEnumValues(typeDefs, 'EvidenceMethod') };
}

// Read on first use, so a server that never shows a page never reads the 2 MB of browser files.
let studio: Promise<Studio> | undefined;
function loadStudio(): Promise<Studio> {
  studio ??= (async () => {
    const [assets, tabs, operations] = await Promise.all([loadAssets(), readExampleTabs(), readPageOperations()]);
    const typeDefs = readTypeDefs().join('\n');
    const methods = schemaEnumValues(typeDefs, 'EvidenceMethod');
    const welcome = operations.Welcome;
    if (!welcome) throw new Error('The persisted-documents manifest has no Welcome operation (operations/ide.graphql); run npm run codegen');
    return {
      assets,
      ide: Buffer.from(idePage(assets, tabs, welcome)),
      explore: Buffer.from(explorePage(assets, operations, methods)),
      curate: Buffer.from(curatePage(assets, operations, curationVocabulary(typeDefs))),
    };
  })();
  studio.catch(() => (studio = undefined));
  return studio;
}

/** A browser navigating to /graphql gets the IDE; a GraphQL GET (with `query`) does not. */
function wantsIde(req: IncomingMessage, url: URL): boolean {
  if (url.pathname === '/') return true;
  return url.pathname === '/graphql' && !url.searchParams.has('query') && /\btext\/html\b/.test(req.headers.accept ?? '');
}

function send(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(200, { ...headers, 'content-length': String(body.length), 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendPage(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  send(req, res, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': contentSecurityPolicy, 'referrer-policy': 'no-referrer' }, body);
}

/**
 * Serves the IDE at / (and at /graphql for browsers), the graph picture at /explore, the curation
 * page at /curate and their files
 * under /studio/<digest>/<name>. Returns false for every other request, which the caller answers.
 */
export async function serveStudio(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (wantsIde(req, url)) {
    sendPage(req, res, (await loadStudio()).ide);
    return true;
  }
  if (url.pathname === '/explore') {
    sendPage(req, res, (await loadStudio()).explore);
    return true;
  }
  if (url.pathname === '/curate') {
    sendPage(req, res, (await loadStudio()).curate);
    return true;
  }
  if (!url.pathname.startsWith('/studio/')) return false;
  const asset = (await loadStudio()).assets.byUrl.get(url.pathname);
  if (!asset) return false;
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    // The digest in the URL changes with the content, so a cached copy never goes stale.
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  send(req, res, headers, gzip ? asset.gzipped : asset.body);
  return true;
}
