import Negotiator from 'negotiator';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '../errors.js';
import { HttpRefusal, refusalBody } from '../http/refusal.js';
import type { GraphStore } from '../store/graph-store.js';
import { isRelationship } from '../store/models.js';
import type { JsonLdNode } from './json-ld.js';
import { contentSecurityPolicy } from '../studio/pages.js';
import { writeCsvExport } from './csv-tables.js';
import { entityNodes, jsonLdDocument, readEntityDescription, relationshipNodes, turtleDocument } from './entity-description.js';
import { entityPage, missingEntityPage } from './entity-page.js';
import { EXPORT_FORMATS, writeRdfExport, type ExportMediaType } from './export-formats.js';
import { openExport } from './export-pages.js';
import { readCsvTable, readExportSelection } from './export-selection.js';
import { contextDocument, linkedDataBase, type LinkedDataBase } from './vocabulary.js';

export interface LinkedDataOptions {
  store: GraphStore;
  /** The service's public address (PUBLIC_URL); `http://localhost:<port>` when omitted. */
  publicUrl?: string;
  /** Whether the IDE and /explore are served, so entity pages link to them. */
  studio?: boolean;
  /** The SDL the service runs, served at /schema.graphql. */
  schemaSdl: string;
}

/** The charset each text format is written in, as its Content-Type says it. */
const CONTENT_TYPES: Record<string, string> = {
  'application/ld+json': 'application/ld+json',
  'text/turtle': 'text/turtle; charset=utf-8',
  'application/n-quads': 'application/n-quads',
  'application/x-ndjson': 'application/x-ndjson',
  'text/csv': 'text/csv; charset=utf-8; header=present',
  'text/html': 'text/html; charset=utf-8',
};

const FILE_EXTENSIONS: Record<ExportMediaType, string> = {
  'application/ld+json': 'jsonld',
  'text/turtle': 'ttl',
  'application/n-quads': 'nq',
  'application/x-ndjson': 'ndjson',
  'text/csv': 'csv',
};

const ENTITY_FORMATS = { 'application/ld+json': 'jsonld', 'text/turtle': 'turtle', 'text/html': 'html' } as const;
type EntityMediaType = keyof typeof ENTITY_FORMATS;

/**
 * The media type to answer with: the one `format=` names, or the best the Accept header allows of
 * the offered ones, in their order when the client has no preference. Neither: 406 with the list.
 */
function chooseMediaType<T extends string>(req: IncomingMessage, params: URLSearchParams, formats: Readonly<Record<T, string>>): T {
  const offered = Object.keys(formats) as T[];
  const format = params.get('format');
  if (format !== null) {
    const named = offered.find((type) => formats[type] === format);
    if (!named) {
      throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, `"format" must be one of ${Object.values(formats).join(', ')}; got ${JSON.stringify(format.slice(0, 40))}.`, {}, { parameter: 'format' });
    }
    return named;
  }
  const chosen = new Negotiator({ headers: { accept: req.headers.accept ?? '*/*' } }).mediaType(offered) as T | undefined;
  if (!chosen) {
    throw new HttpRefusal(406, ErrorCode.NOT_ACCEPTABLE, `None of the media types in the Accept header is offered here; ask for one of ${offered.join(', ')}.`, { vary: 'accept' }, { offered });
  }
  return chosen;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, mediaType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': CONTENT_TYPES[mediaType] ?? mediaType, 'content-length': String(Buffer.byteLength(body)), vary: 'accept', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** GET /export: the graph, or a list or neighbourhood of it, streamed in the format asked for. */
async function serveExport(req: IncomingMessage, res: ServerResponse, url: URL, ld: LinkedDataBase, store: GraphStore): Promise<void> {
  const mediaType = chooseMediaType(req, url.searchParams, EXPORT_FORMATS);
  const selection = readExportSelection(url.searchParams);
  if (url.searchParams.has('table') && mediaType !== 'text/csv') {
    throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, '"table" applies only to a CSV export (text/csv or format=csv).', {}, { parameter: 'table' });
  }
  const table = mediaType === 'text/csv' ? readCsvTable(url.searchParams) : null;
  const pages = await openExport(store, selection);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[mediaType]!,
    vary: 'accept',
    'content-disposition': `attachment; filename="entente${table ? `-${table}` : ''}.${FILE_EXTENSIONS[mediaType]}"`,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    await pages.return(undefined);
    res.end();
    return;
  }
  const type = selection.kind === 'list' ? selection.type : null;
  const text = mediaType === 'text/csv' ? writeCsvExport(ld, store, pages, table!, type) : writeRdfExport(ld, pages, mediaType);
  try {
    await pipeline(text, res);
  } catch (error) {
    // A client that goes away ends the pipeline early; there is nobody left to answer.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}

/** The id in a resource's path, such as `Country:germany` in /entities/Country:germany. */
function idInPath(url: URL, prefix: string): string {
  const raw = url.pathname.slice(prefix.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * GET /entities/{id} and /relationships/{id}: for a browser, the entity's page (a relationship's
 * browser is sent to the page of the entity it starts at); JSON-LD or Turtle for a client asking
 * for them. An unknown id is 404 in the media type asked for.
 */
async function serveResource(req: IncomingMessage, res: ServerResponse, url: URL, ld: LinkedDataBase, options: LinkedDataOptions): Promise<void> {
  const mediaType: EntityMediaType = chooseMediaType(req, url.searchParams, ENTITY_FORMATS);
  for (const name of url.searchParams.keys()) {
    if (name !== 'format') throw new HttpRefusal(400, ErrorCode.BAD_REQUEST, `Unknown parameter "${name.slice(0, 40)}"; an entity takes only "format".`, {}, { parameter: name });
  }
  const isEntity = url.pathname.startsWith('/entities/');
  const id = idInPath(url, isEntity ? '/entities/' : '/relationships/');
  const studio = options.studio !== false;
  const htmlHeaders = { 'content-security-policy': contentSecurityPolicy, 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };
  let nodes: JsonLdNode[] | null = null;
  if (id.length <= 1024 && isEntity) {
    const description = await readEntityDescription(options.store, id);
    if (description && mediaType === 'text/html') return send(req, res, 200, mediaType, entityPage(description, studio), htmlHeaders);
    if (description) nodes = entityNodes(ld, description);
  } else if (id.length <= 1024) {
    const [node] = await options.store.getNodes([id]);
    if (node && isRelationship(node) && mediaType === 'text/html') {
      res.writeHead(303, { location: `/entities/${node.fromId}`, vary: 'accept', 'content-length': '0' });
      res.end();
      return;
    }
    if (node && isRelationship(node)) nodes = relationshipNodes(ld, node);
  }
  if (!nodes) {
    const message = `No ${isEntity ? 'entity' : 'relationship'} has the id ${JSON.stringify(id.slice(0, 200))}; ids look like ${isEntity ? 'Country:germany' : 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration'}.`;
    if (mediaType === 'text/html') return send(req, res, 404, mediaType, missingEntityPage(id.slice(0, 200), studio), htmlHeaders);
    if (mediaType === 'text/turtle') return send(req, res, 404, mediaType, `# ${message.replace(/[\r\n]/g, ' ')}\n`);
    return send(req, res, 404, mediaType, JSON.stringify(refusalBody(new HttpRefusal(404, ErrorCode.NOT_FOUND, message))));
  }
  if (mediaType === 'text/turtle') return send(req, res, 200, mediaType, await turtleDocument(ld, nodes));
  return send(req, res, 200, mediaType, jsonLdDocument(ld, nodes));
}

/**
 * Serves the linked-data routes: /export, /entities/{id}, /relationships/{id}, the JSON-LD context at /context.jsonld and
 * the SDL at /schema.graphql. Returns false for every other request, which the caller answers.
 */
export async function serveLinkedData(req: IncomingMessage, res: ServerResponse, url: URL, options: LinkedDataOptions): Promise<boolean> {
  const path = url.pathname;
  const ours = path === '/export' || path === '/context.jsonld' || path === '/schema.graphql' || path.startsWith('/entities/') || path.startsWith('/relationships/');
  if (!ours) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpRefusal(405, ErrorCode.METHOD_NOT_ALLOWED, `${path.slice(0, 100)} answers GET and HEAD only.`, { allow: 'GET, HEAD' });
  }
  const ld = linkedDataBase(options.publicUrl ?? `http://localhost:${req.socket.localPort ?? 4000}`);
  if (path === '/export') await serveExport(req, res, url, ld, options.store);
  else if (path === '/context.jsonld') send(req, res, 200, 'application/ld+json', `${JSON.stringify(contextDocument(ld), null, 2)}\n`, { 'access-control-allow-origin': '*' });
  else if (path === '/schema.graphql') send(req, res, 200, 'text/plain; charset=utf-8', options.schemaSdl);
  else await serveResource(req, res, url, ld, options);
  return true;
}
