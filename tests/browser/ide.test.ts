import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../../src/store/load.js';
import { httpOn, REAL_SEED, type TestHttp } from '../helpers.js';
import { isLoopback, openBrowser, RESULTS_DIR, VIEWPORTS, type TestBrowser } from './browser.js';
import { editorText, openIdeFirstVisit, openPage, pageErrors, runActiveTab } from './pages.js';

let http: TestHttp;
let browser: TestBrowser;

beforeAll(async () => {
  http = await httpOn(await loadMemoryStore(REAL_SEED));
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
});

const EXAMPLES = ['WhoSigned', 'HowConnected', 'Timeline', 'Search', 'Neighbourhood'];

/** The query root's fields as the schema declares them, with whether each is deprecated. */
async function rootFieldsOfTheSchema(): Promise<Array<{ name: string; isDeprecated: boolean }>> {
  const response = await fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { queryType { fields(includeDeprecated: true) { name isDeprecated } } } }' }),
  });
  const { data } = (await response.json()) as { data: { __schema: { queryType: { fields: Array<{ name: string; isDeprecated: boolean }> } } } };
  return data.__schema.queryType.fields;
}

/** Every entity list of the query root, with the words for one and for many. */
const ENTITY_LISTS: Record<string, [string, string]> = {
  countries: ['country', 'countries'],
  people: ['person', 'people'],
  agreements: ['agreement', 'agreements'],
  events: ['event', 'events'],
  topics: ['topic', 'topics'],
  organizations: ['organization', 'organizations'],
  places: ['place', 'places'],
  products: ['product', 'products'],
  offices: ['office', 'offices'],
  policies: ['policy', 'policies'],
  sources: ['source', 'sources'],
};

async function countsFromTheGraph(): Promise<Record<string, number>> {
  const response = await fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ ${Object.keys(ENTITY_LISTS).map((list) => `${list}(first: 0) { totalCount }`).join(' ')} }` }),
  });
  const { data } = (await response.json()) as { data: Record<string, { totalCount: number }> };
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.totalCount]));
}

describe.each(VIEWPORTS)('the IDE at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;

  it('welcomes a first visit with what the graph holds, counted, and the examples by name', async () => {
    const page = await openIdeFirstVisit(browser, http.url, '/', viewport);
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['Welcome', ...EXAMPLES]);
    const welcome = await editorText(page, '.graphiql-query-editor');
    const lines = welcome.split('\n');
    const comments = lines.slice(0, lines.indexOf(''));
    expect(comments).toHaveLength(5);
    expect(comments.every((line) => line.startsWith('#'))).toBe(true);
    const counts = await countsFromTheGraph();
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(comments[0]).toBe(`# Entente holds ${total} entities from news reporting, each link with its quote:`);
    // Every type the graph holds is counted, in the words of the comment lines joined.
    const counted = comments.slice(1, 3).map((line) => line.replace(/^#\s*/, '')).join(' ');
    for (const [list, n] of Object.entries(counts).filter(([, n]) => n > 0)) {
      expect(counted).toMatch(new RegExp(`(^| )${n} ${ENTITY_LISTS[list]![n === 1 ? 0 : 1]}[,.]`));
    }
    // The Start here pane is open, with the examples as links and the root fields grouped by task.
    const pane = page.locator('.graphiql-plugin');
    expect(await pane.locator('.graphiql-doc-explorer-title').innerText()).toBe('Start here');
    expect(await pane.locator('.entente-examples button').allInnerTexts()).toEqual(EXAMPLES);
    expect(await pane.locator('h3').allInnerTexts()).toEqual(['LOOK UP', 'SEARCH', 'EXPLORE', 'EVIDENCE', 'AGGREGATE', 'CURATE']);
    const byTask: Record<string, string[]> = {};
    for (const section of await pane.locator('section').all()) {
      byTask[await section.locator('h3').innerText()] = await section.locator('.entente-fields dt').allInnerTexts();
    }
    expect(byTask['LOOK UP']![0]).toBe('node');
    expect(byTask).toMatchObject({ SEARCH: ['search'], EXPLORE: ['neighborhood', 'paths', 'timeline'], EVIDENCE: ['factsIn'], AGGREGATE: ['groups'], CURATE: ['mentionsIn', 'changes', 'change'] });
    // Every root field the schema offers is listed once, and none it deprecates.
    const rootFields = await rootFieldsOfTheSchema();
    expect(Object.values(byTask).flat().sort()).toEqual(rootFields.filter((f) => !f.isDeprecated).map((f) => f.name).sort());
    await page.screenshot({ path: `${RESULTS_DIR}ide-welcome-${size}.png` });

    // Running the welcome tab counts the graph.
    const answer = await runActiveTab(page);
    expect(answer.data.countries.totalCount).toBe(counts.countries);
    await page.close();
  });

  it('opens an example with its inputs filled in, runs it and shows its evidence as quotes', async () => {
    const page = await openIdeFirstVisit(browser, http.url, '/', viewport);
    await page.locator('.entente-examples button', { hasText: 'WhoSigned' }).click();
    await page.waitForFunction(() => document.querySelector('.graphiql-tab-active')?.textContent?.includes('WhoSigned'));
    expect(JSON.parse(await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'))).toEqual({ agreement: 'Agreement:de-ca-ai-declaration' });
    const result = await runActiveTab(page);
    expect(result.errors).toBeUndefined();
    const quotes = result.data.node.signatories.edges.flatMap((edge: any) => edge.evidence.map((e: any) => e.quote));
    expect(quotes).toEqual([
      'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent',
      'his Canadian counterpart Evan Solomon signed a joint declaration of intent',
    ]);
    expect(await page.locator('.entente-footer').innerText()).toMatch(/^2 evidence quotes in this answer\./);
    await page.locator('.entente-footer button').click();
    const pane = page.locator('.graphiql-plugin');
    await pane.locator('.entente-evidence').waitFor();
    expect(await pane.locator('.entente-quote').allInnerTexts()).toEqual(quotes);
    expect(await pane.locator('.entente-method').first().innerText()).toBe('Stated: The quoted words say this directly.');
    await page.screenshot({ path: `${RESULTS_DIR}ide-evidence-${size}.png` });
    await page.close();
  });

  it('lists the root fields by task in the docs explorer, the query root and entity types first, deprecated fields last', async () => {
    const page = await openIdeFirstVisit(browser, http.url, '/', viewport);
    await page.getByLabel('Show Documentation Explorer').click();
    const explorer = page.locator('.graphiql-doc-explorer');
    // The second section of the docs' first page is "All Schema Types".
    await explorer.getByText('All Schema Types').waitFor();
    const allTypes = await explorer.locator('.graphiql-doc-explorer-section-content').nth(1).locator('a').allInnerTexts();
    expect(allTypes.slice(0, 3)).toEqual(['Node', 'Entity', 'Agreement']);
    await explorer.getByText('Query', { exact: true }).first().click();
    await explorer.getByText('entitiesByName', { exact: true }).first().waitFor();
    const fields = await explorer.locator('.graphiql-doc-explorer-field-name').allInnerTexts();
    expect(fields.slice(0, 4)).toEqual(['node', 'nodes', 'entitiesByName', 'country']);
    const offered = (await rootFieldsOfTheSchema()).filter((f) => !f.isDeprecated).map((f) => f.name);
    expect([...fields].sort()).toEqual([...offered].sort());
    expect(fields.indexOf('search')).toBeLessThan(fields.indexOf('neighborhood'));
    expect(fields.indexOf('paths')).toBeLessThan(fields.indexOf('factsIn'));
    expect(fields.indexOf('factsIn')).toBeLessThan(fields.indexOf('groups'));
    await page.screenshot({ path: `${RESULTS_DIR}ide-docs-${size}.png` });
    // GraphiQL folds deprecated fields away; shown, they come after every other field.
    await explorer.getByText('Show Deprecated Fields').click();
    await explorer.getByText('groupCounts', { exact: true }).first().waitFor();
    const all = await explorer.locator('.graphiql-doc-explorer-field-name').allInnerTexts();
    expect(all.slice(0, offered.length)).toEqual(fields);
    expect(all.slice(offered.length).sort()).toEqual((await rootFieldsOfTheSchema()).filter((f) => f.isDeprecated).map((f) => f.name).sort());
    await page.close();
  });
});

describe('the IDE, once', () => {
  it('runs every example operation to an answer with data and no errors', async () => {
    for (const file of ['who-signed', 'how-connected', 'timeline', 'search', 'neighbourhood']) {
      const query = readFileSync(fileURLToPath(new URL(`../../operations/${file}.graphql`, import.meta.url)), 'utf8');
      const page = await openPage(browser, http.url, `/?query=${encodeURIComponent(query)}`, VIEWPORTS[0]);
      await page.waitForSelector('.graphiql-container');
      const result = await runActiveTab(page);
      expect(result.errors, file).toBeUndefined();
      expect(Object.values(result.data).some((value) => value !== null && !(Array.isArray(value) && value.length === 0)), file).toBe(true);
      await page.close();
    }
  });

  it('answers a browser asking /graphql for HTML with the IDE', async () => {
    const page = await openPage(browser, http.url, '/graphql', VIEWPORTS[0]);
    await page.waitForSelector('.graphiql-container');
    expect(await page.title()).toBe('Entente · GraphQL IDE');
    await page.close();
  });

  it('loaded nothing from beyond this machine and met no script errors', () => {
    expect(browser.requests.length).toBeGreaterThan(10);
    expect(browser.requests.filter((url) => !isLoopback(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
