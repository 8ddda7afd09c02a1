import { EXPLORE_SCRIPTS, type AssetTable } from './assets.js';
import { ENTITY_STYLES, entitySymbol } from './entity-styles.js';
import { METHOD_NOTES, MODALITY_NOTES } from './explanations.js';
import type { ExampleTab, PageOperation } from './operations.js';
import { ROOT_FIELD_TASKS } from './root-field-tasks.js';

/**
 * Only our own origin: pages load their scripts, styles and data from this server and talk to
 * /graphql, nothing else. Inline styles are allowed because React and cytoscape set style attributes.
 * Exports are offered as blob: URLs the page makes itself.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const icon = '<link rel="icon" href="data:,">';

/** What the IDE needs beyond GraphiQL: the example tabs, the welcome count, the root fields by task and the words for evidence. */
export function idePage(assets: AssetTable, tabs: ExampleTab[], welcome: PageOperation): string {
  const a = assets.byName;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entente · GraphQL IDE</title>
${icon}
<link rel="stylesheet" href="${a['graphiql.css'].url}">
<link rel="stylesheet" href="${a['ide.css'].url}">
</head>
<body>
<div id="graphiql">Loading the IDE…</div>
<script type="application/json" id="entente-examples">${embeddedJson(tabs)}</script>
<script type="application/json" id="entente-welcome">${embeddedJson(welcome)}</script>
<script type="application/json" id="entente-tasks">${embeddedJson(ROOT_FIELD_TASKS)}</script>
<script type="application/json" id="entente-notes">${embeddedJson({ methods: METHOD_NOTES, modalities: MODALITY_NOTES })}</script>
<script src="${a['react.js'].url}"></script>
<script src="${a['react-dom.js'].url}"></script>
<script src="${a['graphiql.js'].url}"></script>
<script src="${a['ide-stream.js'].url}"></script>
<script src="${a['ide.js'].url}"></script>
</body>
</html>
`;
}

/** What the curation page offers: the relationship types with the kinds of entity each links, the languages and the evidence methods. */
export interface CurationVocabulary {
  /** Each relationship type with the entity type codes it may start and end at. */
  relationships: Record<string, { from: string[]; to: string[] }>;
  languages: readonly string[];
  methods: readonly string[];
}

/**
 * The curation page: a curator's key, a source text (new, or one the graph holds), the names the
 * text mentions, and a fact with a selected passage as its evidence.
 */
export function curatePage(assets: AssetTable, operations: Record<string, PageOperation>, vocabulary: CurationVocabulary): string {
  const a = assets.byName;
  const curation = Object.fromEntries(Object.entries(operations).filter(([name]) => name.startsWith('Curate')));
  const options = (values: readonly string[], label: (value: string) => string = (value) => value) =>
    values.map((value) => `<option value="${escapeHtml(value)}">${escapeHtml(label(value))}</option>`).join('');
  const methodLabel = (method: string) => `${METHOD_NOTES[method]?.label ?? method} (${method})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entente · Curate</title>
${icon}
<link rel="stylesheet" href="${a['curate.css'].url}">
</head>
<body>
<header>
  <h1>Entente <span>curate</span></h1>
  <nav><a href="/explore">Explore the graph</a> <a href="/">GraphQL IDE</a></nav>
</header>
<main>
  <section id="source" aria-labelledby="source-title">
    <div class="key-row">
      <label for="key">Your key</label>
      <input id="key" type="password" autocomplete="off" spellcheck="false" placeholder="ent_… (a curator's key)">
      <button type="button" id="forget-key">Forget</button>
      <span class="note">Sent as <code>Authorization: Bearer</code>; kept in this tab's session storage only.</span>
    </div>
    <h2 id="source-title">1. The source</h2>
    <fieldset class="source-kind">
      <legend>Its text is</legend>
      <label class="choice"><input type="radio" name="source-kind" value="new" checked> new: add it as a source</label>
      <label class="choice"><input type="radio" name="source-kind" value="stored"> the text of a source the graph holds</label>
    </fieldset>
    <div id="new-source" class="fields" data-path="input">
      <label>Title <input id="source-title-input" data-path="input.title" placeholder="e.g. Shelbyville Herald, 12 September 2024"></label>
      <label>Id <span class="prefix">Source:</span><input id="source-slug" data-path="input.slug" placeholder="shelbyville-herald-2024-09" pattern="[a-z0-9]+(-[a-z0-9]+)*"></label>
      <label>Language <select id="source-language" data-path="input.language">${options(vocabulary.languages)}</select></label>
      <label>Published <input id="source-date" data-path="input.publishedOn" placeholder="YYYY-MM-DD"></label>
      <p class="date-passage"><button type="button" id="use-date-passage">Use the selection as the date's passage</button> <span id="date-passage">No passage for the date yet.</span></p>
    </div>
    <div id="stored-source" class="fields" hidden>
      <label>Source <select id="stored-choice"></select></label>
      <p id="stored-check" role="status"></p>
    </div>
    <label for="text" class="text-label">Text <span id="text-length"></span></label>
    <textarea id="text" data-path="input.text" rows="14" spellcheck="false" placeholder="Paste the source's whole text here, then select a passage."></textarea>
    <p class="actions"><button type="button" id="find-names">Find the names in the text</button> <span id="names-status" role="status"></span></p>
    <p id="source-status" role="status"></p>
  </section>
  <section id="fact" aria-labelledby="fact-title">
    <h2>2. The selected passage</h2>
    <p id="selection" class="selection">Select a passage of the text.</p>
    <h3>Names in the passage</h3>
    <ul id="proposals" class="mentions"><li class="empty">Find the names, then select a passage.</li></ul>
    <details id="every-name">
      <summary>Every name in the text <span id="mention-count"></span></summary>
      <ul id="all-mentions" class="mentions"></ul>
    </details>
    <h2 id="fact-title">3. Add a fact</h2>
    <div id="fact-form" class="fields" data-path="input.relationships.0">
      <label>From <input id="fact-from" data-path="input.relationships.0.from" placeholder="an entity's id, or From on a name above"></label>
      <label>Relationship <select id="fact-type" data-path="input.relationships.0.type"></select></label>
      <label>To <input id="fact-to" data-path="input.relationships.0.to" placeholder="an entity's id, or To on a name above"></label>
      <label>Evidence <span id="fact-evidence" class="evidence" data-path="input.relationships.0.evidence">the selected passage</span></label>
      <label>Method <select id="fact-method" data-path="input.relationships.0.evidence.0.method">${options(vocabulary.methods, methodLabel)}</select></label>
      <label>Reasoning <input id="fact-evidence-reason" data-path="input.relationships.0.evidence.0.reason" placeholder="required for Inferred and Editorial"></label>
      <label>Why (for the journal) <input id="fact-reason" data-path="input.reason" placeholder="e.g. the Herald reports the signing"></label>
      <p class="actions"><button type="button" id="add-fact" class="primary">Add the fact</button></p>
    </div>
    <div id="result" role="status" aria-live="polite"></div>
  </section>
</main>
<script type="application/json" id="entente-operations">${embeddedJson(curation)}</script>
<script type="application/json" id="entente-vocabulary">${embeddedJson(vocabulary)}</script>
<script src="${a['curate.js'].url}"></script>
</body>
</html>
`;
}

/** The graph picture: the picture and its toolbar, the timeline under it, and a side panel. */
export function explorePage(assets: AssetTable, operations: Record<string, PageOperation>, methods: readonly string[]): string {
  const a = assets.byName;
  const known = Object.values(ENTITY_STYLES).filter((style) => style !== undefined);
  const styles = Object.fromEntries(known.map((style) => [style.code, { label: style.label, shape: style.shape, color: style.color }]));
  const typeFilters = known
    .map((style) => `<label class="choice"><input type="checkbox" name="entity-type" value="${style.code}" checked>${entitySymbol(style)}${escapeHtml(style.label)}</label>`)
    .join('\n        ');
  const methodFilters = methods
    .map((method) => {
      const note = METHOD_NOTES[method];
      return `<label class="choice method-choice"><input type="checkbox" name="evidence-method" value="${method}" checked><span class="line line-${method.toLowerCase()}" aria-hidden="true"></span><span><strong>${escapeHtml(note?.label ?? method)}</strong> ${escapeHtml(note?.note ?? '')}</span></label>`;
    })
    .join('\n        ');
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
  <form id="find" autocomplete="off" role="search">
    <label for="find-name">Entity</label>
    <input id="find-name" name="name" list="entity-names" placeholder="Name, alias or words, e.g. Wildberger" required>
    <datalist id="entity-names"></datalist>
    <button type="submit">Show</button>
  </form>
  <a class="ide-link" href="/">GraphQL IDE</a>
  <a class="ide-link" href="/curate">Curate</a>
</header>
<main>
  <section id="picture" aria-label="The graph picture">
    <div id="toolbar" role="toolbar" aria-label="Picture tools">
      <button type="button" id="fit" title="Fit the whole picture in view">Fit</button>
      <button type="button" id="relayout" title="Lay the picture out again">Relayout</button>
      <button type="button" id="undo" title="Undo the last change (the browser's Back does the same)" disabled>Undo</button>
      <span class="separator" aria-hidden="true"></span>
      <button type="button" id="expand" title="Show every relationship of the selected entity" disabled>Expand</button>
      <button type="button" id="collapse" title="Take away what expanding the selected entity added" disabled>Collapse</button>
      <button type="button" id="hide" title="Hide the selected entity" disabled>Hide</button>
      <button type="button" id="show-hidden" title="Show the hidden entities again" disabled>Show hidden</button>
      <span class="spacer"></span>
      <span class="export-label">Export</span>
      <button type="button" id="export-png" title="The picture as a PNG image">PNG</button>
      <button type="button" id="export-svg" title="The picture as an SVG drawing">SVG</button>
      <button type="button" id="export-json" title="The entities and relationships in view, and the view's address, as JSON">JSON</button>
      <button type="button" id="export-jsonld" title="The neighbourhood of the selected entity (or the first one opened) as linked data, from the server's /export">JSON-LD</button>
      <button type="button" id="export-csv" title="The relationships of that neighbourhood as a CSV table, from the server's /export">CSV</button>
    </div>
    <div id="graph" aria-label="The entities in view and their relationships: click an entity to expand it, a line to read its evidence"></div>
    <div id="hover" role="tooltip" hidden></div>
    <section id="timeline" aria-label="Timeline">
      <h2>Timeline <span>a bar is a month or a year, a diamond a day; underlined: in the picture; click one to show it</span></h2>
      <div id="timeline-strip"></div>
    </section>
  </section>
  <aside id="panel">
    <p id="status" role="status" aria-live="polite">Loading…</p>
    <section id="details" aria-live="polite"></section>
    <details id="path-finder" open>
      <summary>Path between two entities</summary>
      <form id="path-form" autocomplete="off">
        <label>From <input id="path-from" list="entity-names" placeholder="e.g. Karsten Wildberger" required></label>
        <label>To <input id="path-to" list="entity-names" placeholder="e.g. Evan Solomon" required></label>
        <button type="submit">Find</button>
      </form>
      <div id="path-result"></div>
    </details>
    <details id="filters" open>
      <summary>Show in the picture</summary>
      <fieldset id="filter-types">
        <legend>Entity types</legend>
        ${typeFilters}
      </fieldset>
      <fieldset id="filter-relationships">
        <legend>Relationship types in view</legend>
      </fieldset>
      <fieldset id="filter-methods">
        <legend>Evidence (the line's style)</legend>
        ${methodFilters}
      </fieldset>
      <p class="key">An arrow points from subject to object; a line without arrows is a relationship that holds both ways. A thick outline marks an expanded entity.</p>
    </details>
  </aside>
</main>
<script type="application/json" id="entente-operations">${embeddedJson(operations)}</script>
<script type="application/json" id="entente-styles">${embeddedJson(styles)}</script>
<script type="application/json" id="entente-notes">${embeddedJson({ methods: METHOD_NOTES, modalities: MODALITY_NOTES })}</script>
${EXPLORE_SCRIPTS.map((name) => `<script src="${a[name].url}"></script>`).join('\n')}
</body>
</html>
`;
}
