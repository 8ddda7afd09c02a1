import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** A static file held in memory, ready to send. */
export interface Asset {
  /** The URL it is served at, with a digest of its content so that it can be cached for good. */
  url: string;
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

/** The names pages use for their files; nothing else is ever served. */
export type AssetName = 'react.js' | 'react-dom.js' | 'graphiql.js' | 'graphiql.css' | 'cytoscape.js' | 'ide.js' | 'explore.js' | 'explore.css';

const javascript = 'text/javascript; charset=utf-8';
const css = 'text/css; charset=utf-8';
const require = createRequire(import.meta.url);
/** A file in an installed package; the package's exports need not list it (React's UMD builds). */
const fromPackage = (pkg: string, file: string) => (): string => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const exported = (specifier: string) => (): string => require.resolve(specifier);
const ownFile = (file: string) => (): string => fileURLToPath(new URL(`./public/${file}`, import.meta.url));

// The allow-list: each name maps to one file on disk, chosen here and never from the request, so
// no request path can reach any other file.
const files: Record<AssetName, { path: () => string; contentType: string }> = {
  'react.js': { path: fromPackage('react', 'umd/react.production.min.js'), contentType: javascript },
  'react-dom.js': { path: fromPackage('react-dom', 'umd/react-dom.production.min.js'), contentType: javascript },
  'graphiql.js': { path: fromPackage('graphiql', 'graphiql.min.js'), contentType: javascript },
  'graphiql.css': { path: fromPackage('graphiql', 'graphiql.min.css'), contentType: css },
  'cytoscape.js': { path: exported('cytoscape/dist/cytoscape.min.js'), contentType: javascript },
  'ide.js': { path: ownFile('ide.js'), contentType: javascript },
  'explore.js': { path: ownFile('explore.js'), contentType: javascript },
  'explore.css': { path: ownFile('explore.css'), contentType: css },
};

export interface AssetTable {
  byName: Record<AssetName, Asset>;
  byUrl: Map<string, Asset>;
}

/** Reads every allowed file once and names each by a digest of its content: `/studio/<digest>/<name>`. */
export async function loadAssets(): Promise<AssetTable> {
  const entries = await Promise.all(
    (Object.entries(files) as [AssetName, { path: () => string; contentType: string }][]).map(async ([name, { path, contentType }]) => {
      const body = await readFile(path());
      const digest = createHash('sha256').update(body).digest('hex').slice(0, 16);
      const asset: Asset = { url: `/studio/${digest}/${name}`, contentType, body, gzipped: gzipSync(body) };
      return [name, asset] as const;
    }),
  );
  const byName = Object.fromEntries(entries) as Record<AssetName, Asset>;
  return { byName, byUrl: new Map(entries.map(([, asset]) => [asset.url, asset])) };
}
