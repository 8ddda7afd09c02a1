import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryStore } from '../../src/store/load.js';
import { httpOn, REAL_SEED, TINY_SEED, TINY_TEXT, type TestHttp } from '../helpers.js';
import { isLoopback, openBrowser, RESULTS_DIR, VIEWPORTS, type TestBrowser } from './browser.js';
import { clickElement, labelReport, openExplore, pageErrors, positionsOf, settled, viewOf } from './pages.js';

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

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const { data, errors } = (await response.json()) as { data: any; errors?: unknown };
  expect(errors).toBeUndefined();
  return data;
}

/** The entities with the most relationships, read from the graph. */
async function busiest(count: number): Promise<string[]> {
  const lists = ['countries', 'people', 'agreements', 'events', 'topics', 'organizations', 'places', 'products', 'offices', 'policies', 'sources'];
  const data = await ask(`{ ${lists.map((list) => `${list}(first: 100) { nodes { id relations(first: 0) { totalCount } } }`).join(' ')} }`);
  const all = Object.values<any>(data).flatMap((connection) => connection.nodes);
  all.sort((a, b) => b.relations.totalCount - a.relations.totalCount || (a.id < b.id ? -1 : 1));
  return all.slice(0, count).map((entity) => entity.id);
}

describe.each(VIEWPORTS)('the graph picture at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;

  it('expands the three busiest entities and keeps every label drawn, at 11 px or more, and apart from every other', async () => {
    const ids = await busiest(3);
    // Each busy entity after the first is in the picture once those before it are expanded (the
    // seed's busiest are the declaration, a signatory country and the alliance it marks a milestone of);
    // clickElement names one that is not.
    const page = await openExplore(browser, http.url, `/explore?open=${encodeURIComponent(ids[0]!)}`, viewport);
    for (const id of ids.slice(1)) {
      await clickElement(page, id);
      expect((await viewOf(page)).view.open).toContain(id);
      const report = await labelReport(page);
      expect(report.undrawn).toEqual([]);
      expect(report.smallest).toBeGreaterThanOrEqual(11);
      expect(report.overlaps).toEqual([]);
    }
    const view = await viewOf(page);
    expect(view.view.open).toEqual(ids);
    expect(view.visible.filter((id) => !id.startsWith('Relationship:')).length).toBeGreaterThan(35);
    // A relationship that holds both ways has no arrow; one that does not, has.
    const arrows = await page.evaluate(() => {
      const cy = (window as any).entente.cy;
      return cy.edges().map((e: any) => [e.data('type'), e.pstyle('target-arrow-shape').strValue]);
    });
    expect(new Set(arrows.filter(([type]: string[]) => type === 'COUNTERPART_OF').map(([, arrow]: string[]) => arrow))).not.toContain('triangle');
    expect(new Set(arrows.filter(([type]: string[]) => type === 'PARTY_TO').map(([, arrow]: string[]) => arrow))).toEqual(new Set(['triangle']));
    await page.screenshot({ path: `${RESULTS_DIR}explore-busiest-${size}.png` });
    await page.close();
  });

  it('finds the path between the two signatories and opens the evidence of each hop', async () => {
    const { node } = await ask('{ node(id: "Agreement:de-ca-ai-declaration") { ... on Agreement { signatories { nodes { id name } } } } }');
    const [first, second] = node.signatories.nodes;
    const page = await openExplore(browser, http.url, '/explore', viewport);
    await page.fill('#path-from', first.name);
    await page.fill('#path-to', second.name);
    await page.click('#path-form button[type=submit]');
    await page.waitForSelector('#path-result .path');
    await settled(page);
    const expected = await ask('query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 5) { hops { relationship { id } evidence { quote } } } }', { from: first.id, to: second.id });
    const hops = expected.paths.flatMap((path: any) => path.hops);
    expect(hops.length).toBeGreaterThan(0);
    expect((await viewOf(page)).view.path).toEqual({ from: first.id, to: second.id });
    const onPath = await page.evaluate(() => (window as any).entente.cy.edges('.on-path').map((e: any) => e.id()));
    expect(onPath.sort()).toEqual(hops.map((hop: any) => hop.relationship.id).sort());
    const buttons = page.locator('#path-result .open-evidence');
    expect(await buttons.count()).toBe(hops.length);
    for (let i = 0; i < hops.length; i++) {
      await buttons.nth(i).click();
      await settled(page);
      expect((await viewOf(page)).view.sel).toBe(hops[i].relationship.id);
      expect(await page.locator('#details .kind').innerText()).toMatch(/relationship/i);
      const quotes = await page.locator('#details .evidence .quote').allInnerTexts();
      expect(quotes).toEqual(expect.arrayContaining(hops[i].evidence.map((e: any) => e.quote)));
      // Without the source's text on this server, the panel says why the sentence is not shown.
      expect(await page.locator('#details .no-context').first().innerText()).toMatch(/does not hold the text of the source/);
      expect(await page.locator('#details .method').first().innerText()).toMatch(/\w+: .+\./);
    }
    await page.screenshot({ path: `${RESULTS_DIR}explore-path-${size}.png` });
    await page.close();
  });

  it('restores the view from its address after a reload, after Back from the IDE and from a shared link', async () => {
    const page = await openExplore(browser, http.url, '/explore', viewport);
    await clickElement(page, 'Agreement:de-ca-ai-declaration');
    await page.check('input[name="entity-type"][value="PLACE"]');
    await page.uncheck('input[name="entity-type"][value="TOPIC"]');
    await settled(page);
    await clickElement(page, 'Organization:cdu');
    await page.click('#hide');
    await settled(page);
    await clickElement(page, 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration');
    const before = await viewOf(page);
    const positions = await positionsOf(page);
    expect(before.view).toMatchObject({
      open: ['Person:karsten-wildberger', 'Agreement:de-ca-ai-declaration'],
      hide: ['Organization:cdu'],
      offTypes: ['TOPIC'],
      sel: 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration',
    });
    expect(before.selected).toEqual([before.view.sel]);
    expect(before.visible).not.toContain('Organization:cdu');
    expect(before.visible.some((id) => id.startsWith('Topic:'))).toBe(false);

    await page.reload();
    await settled(page);
    expect(await viewOf(page)).toEqual(before);
    expect(await positionsOf(page)).toEqual(positions);

    await page.locator('#details a.ide-query').click();
    await page.waitForSelector('.graphiql-container');
    await page.goBack();
    await settled(page);
    expect(await viewOf(page)).toEqual(before);
    expect(await positionsOf(page)).toEqual(positions);
    expect(await page.locator('#details h2').innerText()).toBe('Karsten Wildberger — signed → Joint Declaration of Intent on AI');

    // Back steps through the changes one at a time, and so does Undo: the hidden party comes back.
    await page.goBack();
    await settled(page);
    expect((await viewOf(page)).view).toMatchObject({ hide: ['Organization:cdu'], sel: null });
    await page.click('#undo');
    await settled(page);
    expect(await viewOf(page)).toMatchObject({ view: { hide: [], sel: 'Organization:cdu' }, selected: ['Organization:cdu'] });
    expect((await viewOf(page)).visible).toContain('Organization:cdu');
    await page.close();

    const shared = await openExplore(browser, http.url, before.url, viewport);
    expect(await viewOf(shared)).toEqual(before);
    await shared.close();
  });

  it('shows an entity picked on the timeline, and hides and shows entity types and evidence methods', async () => {
    const page = await openExplore(browser, http.url, '/explore', viewport);
    const entry = page.locator('#timeline .entry[data-entity="Event:all-in-2026"]');
    expect(await entry.getAttribute('aria-label')).toMatch(/2026-09 \(to the month\)$/);
    // A month is drawn as a bar as wide as the month, a day as a diamond.
    expect(await entry.locator('rect').count()).toBe(1);
    expect(await page.locator('#timeline .entry[data-entity="Agreement:de-ca-ai-declaration"] polygon').count()).toBe(1);
    await entry.click();
    await settled(page);
    expect(await viewOf(page)).toMatchObject({ view: { add: ['Event:all-in-2026'], sel: 'Event:all-in-2026' }, selected: ['Event:all-in-2026'] });
    expect(await page.locator('#details h2').innerText()).toBe('All In 2026');
    expect(await entry.getAttribute('class')).toContain('in-view');

    await clickElement(page, 'Event:all-in-2026');
    const typed = async () => page.evaluate(() => (window as any).entente.cy.nodes(':visible').map((n: any) => n.data('entityType')));
    expect(await typed()).toContain('PLACE');
    await page.uncheck('input[name="entity-type"][value="PLACE"]');
    await settled(page);
    expect(await typed()).not.toContain('PLACE');
    expect(new URL(page.url()).searchParams.get('notypes')).toBe('PLACE');
    await page.check('input[name="entity-type"][value="PLACE"]');
    await settled(page);
    expect(await typed()).toContain('PLACE');

    const methods = () => page.evaluate(() => (window as any).entente.cy.edges(':visible').map((e: any) => e.data('methods')));
    expect((await methods()).length).toBeGreaterThan(0);
    await page.uncheck('input[name="evidence-method"][value="EXTRACTED"]');
    await settled(page);
    const left = await methods();
    expect(left.every((m: string[]) => m.some((method) => method !== 'EXTRACTED'))).toBe(true);
    expect(new URL(page.url()).searchParams.get('nomethods')).toBe('EXTRACTED');
    await page.screenshot({ path: `${RESULTS_DIR}explore-filtered-${size}.png` });
    await page.close();
  });

  it('exports the view as PNG, SVG and JSON files', async () => {
    const page = await openExplore(browser, http.url, '/explore', viewport);
    const saved: Record<string, Buffer> = {};
    for (const kind of ['png', 'svg', 'json']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${kind}`)]);
      expect(download.suggestedFilename()).toBe(`entente-view.${kind}`);
      const file = `${RESULTS_DIR}export-${size}.${kind}`;
      await download.saveAs(file);
      expect((await stat(file)).size).toBeGreaterThan(500);
      saved[kind] = await readFile(file);
    }
    expect(saved.png!.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(saved.svg!.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // Names are drawn as text, wrapped like the picture's labels.
    expect(saved.svg!.toString('utf8')).toMatch(/<text[^>]*>Wildberger<\/text>/);
    const data = JSON.parse(saved.json!.toString('utf8'));
    expect(data.entities.map((e: any) => e.id).sort()).toEqual((await viewOf(page)).visible.filter((id) => !id.startsWith('Relationship:')));
    expect(data.address).toBe(page.url());
    await page.close();
  });

  it("exports the selected entity's neighbourhood from the server as JSON-LD and CSV", async () => {
    const page = await openExplore(browser, http.url, '/explore?open=Agreement:de-ca-ai-declaration&sel=Country:canada', viewport);
    const [jsonld] = await Promise.all([page.waitForEvent('download'), page.click('#export-jsonld')]);
    expect(jsonld.suggestedFilename()).toBe('entente.jsonld');
    const graph = JSON.parse(await readFile((await jsonld.path())!, 'utf8'));
    const ids = JSON.stringify(graph);
    expect(ids).toContain('/entities/Country:canada');
    expect(ids).toContain('/entities/Agreement:de-ca-ai-declaration');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csv.suggestedFilename()).toBe('entente-relationships.csv');
    const rows: Array<Record<string, string>> = parse(await readFile((await csv.path())!, 'utf8'), { columns: true });
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.filter((row) => row.from !== 'Country:canada' && row.to !== 'Country:canada')).toEqual([]);
    await page.close();
  });
});

describe('the graph picture, once', () => {
  it('names an unknown id in the address and in the path finder, instead of showing nothing', async () => {
    const page = await openExplore(browser, http.url, '/explore?open=Person:nobody', VIEWPORTS[0]);
    expect(await page.locator('#status').innerText()).toContain('No entity has the id “Person:nobody”.');
    await page.fill('#path-from', 'Person:karsten-wildberger');
    await page.fill('#path-to', 'Person:nobody');
    await page.click('#path-form button[type=submit]');
    await page.waitForSelector('#path-result .error');
    expect(await page.locator('#path-result .error').innerText()).toBe(
      'No entity has the id "Person:nobody"; "to" needs the id of an entity in the graph (find ids with entitiesByName or search).',
    );
    await page.close();
  });

  it('expands an agreement or an event clicked on the vertical line through its tip', async () => {
    const page = await openExplore(browser, http.url, '/explore?open=Person:karsten-wildberger', VIEWPORTS[0]);
    const box = (await page.locator('#graph').boundingBox())!;
    /** Puts an entity in the middle of the picture on a whole pixel column, so a click can land exactly on its axis. */
    const onPixelColumn = (id: string) =>
      page.evaluate(
        ({ id, width, height }) => {
          const cy = (window as any).entente.cy;
          const node = cy.getElementById(id);
          if (node.empty()) throw new Error(`${id} is not in the picture`);
          node.position({ x: Math.round(node.position('x')), y: Math.round(node.position('y')) });
          cy.viewport({ zoom: 1, pan: { x: Math.round(width / 2) - node.position('x'), y: Math.round(height / 2) - node.position('y') } });
          return node.renderedPosition() as { x: number; y: number };
        },
        { id, width: box.width, height: box.height },
      );
    for (const id of ['Agreement:de-ca-ai-declaration', 'Event:munich-security-conference-2026']) {
      for (const dy of [0, -6, 6]) {
        const point = await onPixelColumn(id);
        expect(Number.isInteger(point.x)).toBe(true);
        await page.mouse.click(box.x + point.x, box.y + point.y + dy);
        await settled(page);
        expect((await viewOf(page)).view, `${id}, clicked ${dy} px below its centre`).toMatchObject({ sel: id });
      }
      expect((await viewOf(page)).view.open).toContain(id);
    }
    await page.close();
  });

  it('goes straight to an entity whose name or alias is typed, accents optional', async () => {
    const page = await openExplore(browser, http.url, '/explore?open=Country:canada', VIEWPORTS[0]);
    for (const [typed, id] of [
      ['Wildberger', 'Person:karsten-wildberger'],
      ['montreal', 'Place:montreal'],
    ]) {
      await page.fill('#find-name', typed!);
      await page.click('#find button[type=submit]');
      await page.waitForFunction((id) => (window as any).entente.view().open[0] === id, id);
      await settled(page);
      expect((await viewOf(page)).view).toMatchObject({ open: [id], sel: id });
    }
    await page.close();
  });

  it('quotes the evidence within its sentence, the quote marked, when the server holds the source text', async () => {
    const texts = await mkdtemp(join(tmpdir(), 'entente-texts-'));
    await copyFile(TINY_TEXT, join(texts, 'tiny.txt'));
    const tiny = await httpOn(await loadMemoryStore(TINY_SEED, texts));
    try {
      const relationship = 'Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example';
      const page = await openExplore(browser, tiny.url, `/explore?open=Person:bob-sample&sel=${encodeURIComponent(relationship)}`, VIEWPORTS[0]);
      await page.waitForSelector('#details .quote mark');
      expect(await page.locator('#details .quote').innerText()).toBe(
        'In Springfield on Saturday, Freedonian Energy Minister Alice Example and her Sylvanian counterpart Bob Sample signed the Springfield Accord.',
      );
      expect(await page.locator('#details .quote mark').innerText()).toBe('her Sylvanian counterpart Bob Sample');
      expect(await page.locator('#details .no-context').count()).toBe(0);
      expect(await page.locator('#details .method').innerText()).toBe('Stated: The quoted words say this directly.');
      expect(await page.locator('#details h2').innerText()).toBe('Bob Sample — counterpart of — Alice Example');
      await page.close();
    } finally {
      await tiny.close();
      await rm(texts, { recursive: true, force: true });
    }
  });

  it('loaded nothing from beyond this machine and met no script errors', () => {
    expect(browser.requests.length).toBeGreaterThan(10);
    expect(browser.requests.filter((url) => !isLoopback(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
