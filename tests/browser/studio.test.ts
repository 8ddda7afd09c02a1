/// <reference lib="dom" />
// Functions given to page.evaluate run in the page, where document and window exist.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../../src/store/load.js';
import { httpOn, REAL_SEED, type TestHttp } from '../helpers.js';
import { isLoopback, openBrowser, RESULTS_DIR, type TestBrowser } from './browser.js';

let http: TestHttp;
let browser: TestBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  http = await httpOn(await loadMemoryStore(REAL_SEED));
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
});

async function openPage(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${path}: ${message.text()}`);
  });
  await page.goto(http.url + path);
  return page;
}

/** The text of a GraphiQL editor, whole: CodeMirror draws only the lines in view. */
const editorText = (page: Page, selector: string) =>
  page.evaluate((s) => (document.querySelector(`${s} .CodeMirror`) as any).CodeMirror.getValue() as string, selector);

async function runActiveTab(page: Page): Promise<any> {
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => {
    const editor = (document.querySelector('.graphiql-response .CodeMirror') as any)?.CodeMirror;
    return editor && editor.getValue().includes('"data"');
  });
  return JSON.parse(await editorText(page, '.graphiql-response'));
}

/** Clicks a point of the graph picture, as a mouse would. */
async function clickGraphAt(page: Page, point: { x: number; y: number }): Promise<void> {
  const box = await page.locator('#graph').boundingBox();
  if (!box) throw new Error('the graph is not on the page');
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

describe('the studio in a real browser', () => {
  it('opens the IDE with the example tabs, runs who-signed and shows the evidence, and opens the docs', async () => {
    const page = await openPage('/');
    await page.waitForSelector('.graphiql-container');
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['WhoSigned', 'HowConnected', 'Timeline', 'Search', 'Neighbourhood']);

    const result = await runActiveTab(page);
    expect(result.errors).toBeUndefined();
    const signatories = result.data.node.signatories.edges.map((edge: any) => [edge.node.name, edge.onBehalfOf.name, edge.evidence[0].quote]);
    expect(signatories).toEqual([
      ['Karsten Wildberger', 'Germany', 'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent'],
      ['Evan Solomon', 'Canada', 'his Canadian counterpart Evan Solomon signed a joint declaration of intent'],
    ]);
    await page.screenshot({ path: `${RESULTS_DIR}ide.png` });

    await page.getByLabel('Show Documentation Explorer').click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await expect(page.locator('.graphiql-doc-explorer').getByText('entitiesByName', { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${RESULTS_DIR}ide-docs.png` });
    await page.close();
  });

  it('runs every example operation in the IDE to an answer with data and no errors', async () => {
    for (const file of ['who-signed', 'how-connected', 'timeline', 'search', 'neighbourhood']) {
      const query = readFileSync(fileURLToPath(new URL(`../../operations/${file}.graphql`, import.meta.url)), 'utf8');
      const page = await openPage(`/?query=${encodeURIComponent(query)}`);
      await page.waitForSelector('.graphiql-container');
      const result = await runActiveTab(page);
      expect(result.errors, file).toBeUndefined();
      expect(Object.values(result.data).some((value) => value !== null && !(Array.isArray(value) && value.length === 0)), file).toBe(true);
      await page.close();
    }
  });

  it('answers a browser asking /graphql for HTML with the IDE', async () => {
    const page = await openPage('/graphql');
    await page.waitForSelector('.graphiql-container');
    expect(await page.title()).toBe('Entente · GraphQL IDE');
    await page.close();
  });

  it('draws a neighbourhood without overlapping labels, expands an entity on click and shows the evidence of a relationship', async () => {
    const page = await openPage('/explore');
    await page.waitForFunction(() => (window as any).entente?.cy.nodes('.expanded').length === 1);
    const ids = await page.evaluate(() => (window as any).entente.cy.nodes().map((n: any) => n.id()).sort());
    expect(ids).toEqual([
      'Agreement:de-ca-ai-declaration',
      'Event:munich-security-conference-2026',
      'Office:german-digital-minister',
      'Organization:cdu',
      'Person:evan-solomon',
      'Person:karsten-wildberger',
      'Topic:digital-ecosystems',
      'Topic:ethical-ai',
    ]);
    expect(await labelOverlaps(page)).toEqual([]);
    await page.screenshot({ path: `${RESULTS_DIR}explore.png` });

    // Expanding Evan Solomon adds what is linked to him and only to him, such as his office.
    await clickGraphAt(page, await page.evaluate(() => (window as any).entente.cy.$id('Person:evan-solomon').renderedPosition()));
    await page.waitForFunction(() => (window as any).entente.cy.$id('Person:evan-solomon').hasClass('expanded'));
    expect(await page.evaluate(() => (window as any).entente.cy.$id('Office:canadian-minister-of-ai').nonempty())).toBe(true);
    expect(await labelOverlaps(page)).toEqual([]);
    await page.screenshot({ path: `${RESULTS_DIR}explore-expanded.png` });

    const signing = 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration';
    await clickGraphAt(page, await page.evaluate((id) => (window as any).entente.cy.$id(id).renderedMidpoint(), signing));
    await page.waitForSelector('#details .quote');
    expect(await page.locator('#details h2').innerText()).toBe('Karsten Wildberger — signed → Joint Declaration of Intent on AI');
    expect(await page.locator('#details .quote').allInnerTexts()).toEqual([
      'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent',
    ]);
    expect(await page.locator('#details .source-title').first().innerText()).toMatch(/\w/);
    await page.screenshot({ path: `${RESULTS_DIR}explore-evidence.png` });

    // The link opens the same operation, with the same variables, in the IDE, where it runs.
    await page.locator('#details a.ide-query').click();
    await page.waitForSelector('.graphiql-container');
    expect(await editorText(page, '.graphiql-query-editor')).toMatch(/^query ExploreRelationship\(\$id: ID!\)/);
    const result = await runActiveTab(page);
    expect(result.data.node.evidence[0].quote).toBe(
      'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent',
    );
    await page.close();
  });

  it('finds an entity typed in the search box, accents optional, and draws its neighbourhood', async () => {
    const page = await openPage('/explore');
    await page.waitForFunction(() => (window as any).entente?.cy.nodes('.expanded').length === 1);
    await page.fill('#find-name', 'montreal');
    await page.click('#find button[type=submit]');
    await page.waitForFunction(() => (window as any).entente.cy.$id('Place:montreal').hasClass('expanded'));
    expect(await page.locator('#details h2').innerText()).toBe('Montreal');
    expect(new URL(page.url()).search).toBe('?id=Place%3Amontreal');
    expect(await labelOverlaps(page)).toEqual([]);
    await page.close();
  });

  it('loaded nothing from beyond this machine and met no script errors', () => {
    expect(browser.requests.length).toBeGreaterThan(10);
    expect(browser.requests.filter((url) => !isLoopback(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** Pairs of labels (entities' names, relationships' types) whose drawn boxes intersect. */
function labelOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cy = (window as any).entente.cy;
    const boxes = cy.elements().map((element: any) => ({
      name: element.isNode() ? element.data('name') : `${element.data('label')} (${element.id()})`,
      box: element.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
    }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        if (a.w > 0 && b.w > 0 && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${boxes[i].name} / ${boxes[j].name}`);
      }
    }
    return overlaps;
  });
}
