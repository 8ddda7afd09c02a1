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
export type AssetName =
  | 'react.js'
  | 'react-dom.js'
  | 'graphiql.js'
  | 'graphiql.css'
  | 'cytoscape.js'
  | 'layout-base.js'
  | 'cose-base.js'
  | 'cytoscape-fcose.js'
  | 'cytoscape-svg.js'
  | 'ide-stream.js'
  | 'ide.js'
  | 'ide.css'
  | 'explore-api.js'
  | 'explore-state.js'
  | 'explore-picture.js'
  | 'explore-timeline.js'
  | 'explore-panel.js'
  | 'explore.js'
  | 'explore.css'
  | 'curate.js'
  | 'curate.css';

/** The graph picture's scripts, in the order the page loads them: libraries first, each before what needs it. */
export const EXPLORE_SCRIPTS: readonly AssetName[] = [
  'cytoscape.js',
  'layout-base.js',
  'cose-base.js',
  'cytoscape-fcose.js',
  'cytoscape-svg.js',
  'explore-api.js',
  'explore-state.js',
  'explore-picture.js',
  'explore-timeline.js',
  'explore-panel.js',
  'explore.js',
];

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
  // fCoSE, the force-directed layout, and the two packages it is built on, as their UMD builds.
  'layout-base.js': { path: fromPackage('layout-base', 'layout-base.js'), contentType: javascript },
  'cose-base.js': { path: fromPackage('cose-base', 'cose-base.js'), contentType: javascript },
  'cytoscape-fcose.js': { path: fromPackage('cytoscape-fcose', 'cytoscape-fcose.js'), contentType: javascript },
  'cytoscape-svg.js': { path: fromPackage('cytoscape-svg', 'cytoscape-svg.js'), contentType: javascript },
  'ide-stream.js': { path: ownFile('ide-stream.js'), contentType: javascript },
  'ide.js': { path: ownFile('ide.js'), contentType: javascript },
  'ide.css': { path: ownFile('ide.css'), contentType: css },
  'explore-api.js': { path: ownFile('explore-api.js'), contentType: javascript },
  'explore-state.js': { path: ownFile('explore-state.js'), contentType: javascript },
  'explore-picture.js': { path: ownFile('explore-picture.js'), contentType: javascript },
  'explore-timeline.js': { path: ownFile('explore-timeline.js'), contentType: javascript },
  'explore-panel.js': { path: ownFile('explore-panel.js'), contentType: javascript },
  'explore.js': { path: ownFile('explore.js'), contentType: javascript },
  'explore.css': { path: ownFile('explore.css'), contentType: css },
  'curate.js': { path: ownFile('curate.js'), contentType: javascript },
  'curate.css': { path: ownFile('curate.css'), contentType: css },
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
