import type { AssetTable } from './assets.js';
import type { ExampleTab, PageOperation } from './operations.js';

/**
 * Only our own origin: pages load their scripts, styles and data from this server and talk to
 * /graphql, nothing else. Inline styles are allowed because React and cytoscape set style attributes.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON safe to place inside a <script> element: no `<` can close it early. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const icon = '<link rel="icon" href="data:,">';

export function idePage(assets: AssetTable, tabs: ExampleTab[]): string {
  const a = assets.byName;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entente · GraphQL IDE</title>
${icon}
<link rel="stylesheet" href="${a['graphiql.css'].url}">
</head>
<body style="margin:0;height:100vh;overflow:hidden">
<div id="graphiql" style="height:100vh">Loading the IDE…</div>
<script type="application/json" id="entente-examples">${embeddedJson(tabs)}</script>
<script src="${a['react.js'].url}"></script>
<script src="${a['react-dom.js'].url}"></script>
<script src="${a['graphiql.js'].url}"></script>
<script src="${a['ide.js'].url}"></script>
</body>
</html>
`;
}

export function explorePage(assets: AssetTable, operations: Record<string, PageOperation>): string {
  const a = assets.byName;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entente · Explore the graph</title>
${icon}
<link rel="stylesheet" href="${a['explore.css'].url}">
</head>
<body>
<header>
  <h1>Entente <span>explore</span></h1>
  <form id="find" autocomplete="off">
    <label for="find-name">Entity</label>
    <input id="find-name" name="name" list="entity-names" placeholder="Name, alias or words, e.g. Wildberger" required>
    <datalist id="entity-names"></datalist>
    <button type="submit">Show</button>
  </form>
  <a class="ide-link" href="/">GraphQL IDE</a>
</header>
<main>
  <div id="graph" aria-label="The neighbourhood of the chosen entity: click an entity to expand it, a relationship to read its evidence"></div>
  <aside id="panel" aria-live="polite">
    <p id="status">Loading…</p>
    <section id="details"></section>
    <section id="legend" aria-label="Entity types"></section>
  </aside>
</main>
<script type="application/json" id="entente-operations">${embeddedJson(operations)}</script>
<script src="${a['cytoscape.js'].url}"></script>
<script src="${a['explore.js'].url}"></script>
</body>
</html>
`;
}
