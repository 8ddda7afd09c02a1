import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, livingGraph, type LivingGraph } from '../curation/living.js';
import { TINY_TEXT } from '../helpers.js';
import { isLoopback, openBrowser, RESULTS_DIR, VIEWPORTS, type TestBrowser } from './browser.js';
import { addFact, chooseEnd, describeNewSource, findNames, HERALD_TEXT, proposals, selectInText, useStoredSource } from './curate-steps.js';
import { editorText, openPage, pageErrors, settled, viewOf } from './pages.js';

const TINY = readFileSync(TINY_TEXT, 'utf8');
const SIGNING = 'Bob Sample signed the Grand Alliance';
const SIGNED = 'Relationship:Person:bob-sample>SIGNED>Agreement:grand-alliance';

let graph: LivingGraph;
let browser: TestBrowser;

beforeAll(async () => {
  // A fresh server with a journal in a new folder and a key for each role.
  graph = await livingGraph();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

describe('the curation page', () => {
  const viewport = VIEWPORTS[0];

  it('lets a curator paste a new text, select a passage, see the names in it, add a fact with it as evidence and see the fact in the graph', async () => {
    const page = await openPage(browser, graph.http.url, '/curate', viewport);
    await describeNewSource(page, KEYS.curator);
    await findNames(page);
    expect(await page.locator('#names-status').innerText()).toBe('7 names of entities the graph holds.');

    const { start, end } = await selectInText(page, SIGNING);
    expect(await page.locator('#selection').innerText()).toBe(`${SIGNING} characters ${start}–${end}`);
    // Every name in the passage, each with its own offsets in the text; a name inside another too.
    const bob = HERALD_TEXT.indexOf('Bob Sample');
    const alliance = HERALD_TEXT.indexOf('Grand Alliance', bob);
    expect(await proposals(page)).toEqual([
      `Bob Sample PERSON “Bob Sample” ${bob}–${bob + 10} From To Select`,
      `Bob Sample PERSON “Sample” ${bob + 4}–${bob + 10} (alias “Sample”) From To Select`,
      `Grand Alliance AGREEMENT “Grand Alliance” ${alliance}–${alliance + 14} From To Select`,
    ]);
    await chooseEnd(page, 'from', 'Person:bob-sample');
    await chooseEnd(page, 'to', 'Agreement:grand-alliance');
    // Only the relationship types that may link a person to an agreement are offered.
    expect(await page.locator('#fact-type option').allInnerTexts()).toEqual(['SIGNED']);
    await page.fill('#fact-reason', 'the Herald reports the signing');
    await page.screenshot({ path: `${RESULTS_DIR}curate-before-${viewport.width}x${viewport.height}.png` });

    // The source is added first (change 1), then the fact citing it (change 2).
    expect(await addFact(page)).toBe(`Added as change 2 of the journal: Bob Sample SIGNED Grand Alliance, from “${SIGNING}” See it in the graph →`);
    expect(await page.locator('#source-status').innerText()).toBe('Added Source:shelbyville-herald-2024-09 as change 1; its text is now fixed.');
    expect(await page.locator('#text').evaluate((area) => (area as HTMLTextAreaElement).readOnly)).toBe(true);
    await page.screenshot({ path: `${RESULTS_DIR}curate-added-${viewport.width}x${viewport.height}.png` });

    // The graph holds the fact, with the passage as its evidence, at the offsets the page showed.
    const { body } = await graph.post(`{ node(id: "${SIGNED}") { ... on Relationship { evidence { source { id } quote start end method } history { nodes { sequence actor reason } } } } }`);
    expect(body.data.node).toEqual({
      evidence: [{ source: { id: 'Source:shelbyville-herald-2024-09' }, quote: SIGNING, start, end, method: 'EXTRACTED' }],
      history: { nodes: [{ sequence: 2, actor: 'cora', reason: 'the Herald reports the signing' }] },
    });

    // And the picture draws it, selected.
    await page.click('#see-in-graph');
    await page.waitForURL(/\/explore/);
    await settled(page);
    const view = await viewOf(page);
    expect(view.selected).toEqual([SIGNED]);
    expect(view.visible).toContain(SIGNED);
    expect(await page.locator('#details').innerText()).toContain(SIGNING);
    await page.close();
  });

  it('shows a rule the fact breaks next to what it names, and adds nothing', async () => {
    const page = await openPage(browser, graph.http.url, '/curate', viewport);
    await useStoredSource(page, KEYS.curator, 'Source:tiny', TINY);
    expect(await page.locator('#stored-check').innerText()).toBe('The text is that of Source:tiny: same length and SHA-256.');
    await findNames(page);
    await selectInText(page, 'Bob Sample said that robotics will matter');
    await chooseEnd(page, 'from', 'Person:bob-sample');
    await chooseEnd(page, 'to', 'Topic:robotics');
    await page.selectOption('#fact-type', 'SPOKE_ABOUT');
    const head = await graph.store.head();
    expect(await addFact(page)).toBe('Nothing was added; see what is wrong above.');
    // The graph holds this fact already: the error sits in the fact's form, under its fields.
    expect(await page.locator('#fact-form .user-error').allInnerTexts()).toEqual([
      'ALREADY_EXISTS: SPOKE_ABOUT Person:bob-sample → Topic:robotics: the graph holds this relationship already; add evidence to it with corroborate.',
    ]);
    expect(await graph.store.head()).toBe(head);
    await page.close();
  });

  it('shows what is wrong with a new source beside it, adds neither the source nor the fact, and says a text that is not the stored one is not', async () => {
    const page = await openPage(browser, graph.http.url, '/curate', viewport);
    await page.fill('#key', KEYS.curator);
    await page.fill('#source-title-input', 'Sylvania Gazette');
    await page.fill('#source-slug', 'sylvania-gazette-2024-10');
    await page.fill('#source-date', '2024-10-01');
    await page.fill('#text', 'Sylvania Gazette, 1 October 2024. Carol Third spoke about robotics.');
    await findNames(page);
    await selectInText(page, 'Carol Third spoke about robotics');
    await chooseEnd(page, 'from', 'Person:carol-third');
    await chooseEnd(page, 'to', 'Topic:robotics');
    const head = await graph.store.head();
    // No passage was given for the date: the seed's rule refuses the source, and the error stands under its fields.
    expect(await addFact(page)).toBe('Nothing was added: the source has problems.');
    expect(await page.locator('#new-source + .user-error').innerText()).toBe(
      'RULE_VIOLATED: Source:sylvania-gazette-2024-10: publishedOn.evidence is missing: nothing enters the graph without evidence',
    );
    expect(await page.locator('#text').evaluate((area) => (area as HTMLTextAreaElement).readOnly)).toBe(false);
    expect(await graph.store.head()).toBe(head);
    // A pasted text that is not the stored source's is named as such before anything is sent.
    await useStoredSource(page, KEYS.curator, 'Source:tiny', `${TINY} `);
    expect(await page.locator('#stored-check').innerText()).toBe(`This is not the text of Source:tiny: it has ${TINY.length + 1} characters, the source ${TINY.length}.`);
    await page.close();
  });

  it('refuses a reader key with FORBIDDEN, shown in the page, and adds nothing', async () => {
    const page = await openPage(browser, graph.http.url, '/curate', viewport);
    await useStoredSource(page, KEYS.reader, 'Source:tiny', TINY);
    await findNames(page);
    await selectInText(page, 'Carol Third signed it too, for Freedonia');
    await chooseEnd(page, 'from', 'Person:carol-third');
    await page.fill('#fact-to', 'Country:freedonia');
    await page.locator('#fact-to').dispatchEvent('change');
    const head = await graph.store.head();
    expect(await addFact(page)).toBe('Nothing was added: FORBIDDEN: addFacts needs the right of curating (the curator role); the key "rita" has the role reader.');
    // The browser notes the refusal's status in the console; that one line is expected.
    expect(pageErrors.pop()).toMatch(/the server responded with a status of 403 \(Forbidden\)$/);
    expect(await graph.store.head()).toBe(head);
    await page.close();
  });

  it('keeps the key in the tab\'s session storage only: never in the address, never in local storage', async () => {
    const page = await openPage(browser, graph.http.url, '/curate', viewport);
    await page.fill('#key', KEYS.curator);
    await page.reload();
    expect(await page.inputValue('#key')).toBe(KEYS.curator);
    const stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), url: location.href }));
    expect(stored.local).not.toContain(KEYS.curator);
    expect(stored.url).not.toContain(KEYS.curator);
    await page.click('#forget-key');
    expect(await page.evaluate(() => sessionStorage.getItem('entente-curator-key'))).toBeNull();
    expect(browser.requests.filter((url) => url.includes(KEYS.curator))).toEqual([]);
    await page.close();
  });
});

describe('the IDE and the change feed', () => {
  it('shows a change in the response pane when a subscription is running and a curator makes it', async () => {
    // A change to start from, so the subscription's cursor is one the journal has: the feed then
    // delivers what comes after it whether the stream opens before the next change or after.
    const first = await graph.post(
      'mutation { retractFact(input: { fact: "Relationship:Person:bob-sample>COUNTERPART_OF>Person:alice-example", reason: "before the IDE subscribes" }) { change { cursor } } }',
      undefined,
      KEYS.curator,
    );
    const cursor = first.body.data.retractFact.change.cursor;
    const subscription = `subscription Watch {\n  factsChanged(after: "${cursor}") {\n    sequence\n    operation\n    actor\n    reason\n    facts { id action }\n  }\n}\n`;
    // The server's side of each stream the IDE opens, to see it end.
    const streams: ServerResponse[] = [];
    const watch = (request: IncomingMessage, response: ServerResponse) => {
      if (request.url?.startsWith('/graphql/stream')) streams.push(response);
    };
    graph.http.server.on('request', watch);
    const page = await openPage(browser, graph.http.url, `/?query=${encodeURIComponent(subscription)}`, VIEWPORTS[0]);
    await page.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any)?.CodeMirror);
    await page.click('.graphiql-execute-button');
    const retract = await graph.post(
      'mutation { retractFact(input: { fact: "Relationship:Topic:automation>BROADER_THAN>Topic:robotics", reason: "seen from the IDE" }) { change { sequence } } }',
      undefined,
      KEYS.curator,
    );
    const sequence = retract.body.data.retractFact.change.sequence;
    await page.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any).CodeMirror.getValue().includes('seen from the IDE'));
    const shown = JSON.parse(await editorText(page, '.graphiql-response'));
    expect(shown.data).toEqual({
      factsChanged: { sequence, operation: 'RETRACT_FACT', actor: 'cora', reason: 'seen from the IDE', facts: [{ id: 'Relationship:Topic:automation>BROADER_THAN>Topic:robotics', action: 'RETRACTED' }] },
    });
    await page.screenshot({ path: `${RESULTS_DIR}ide-subscription.png` });
    // Stopping the run closes the stream: the server sees its one stream end while the page stays open.
    expect(streams).toHaveLength(1);
    const closed = streams[0]!.closed ? Promise.resolve() : once(streams[0]!, 'close');
    await page.click('.graphiql-execute-button');
    await closed;
    graph.http.server.off('request', watch);
    await page.close();
  });

  it('shows the refusal of a subscription the server will not run', async () => {
    const page = await openPage(browser, graph.http.url, `/?query=${encodeURIComponent('subscription { factsChanged(after: "not a cursor") { sequence } }')}`, VIEWPORTS[0]);
    await page.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any)?.CodeMirror);
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any).CodeMirror.getValue() !== '');
    const shown = JSON.parse(await editorText(page, '.graphiql-response'));
    expect(shown).toEqual({ errors: [{ message: expect.stringMatching(/^"after" /), extensions: { code: 'BAD_USER_INPUT' } }] });
    // The browser notes the refusal's status in the console; that one line is expected.
    expect(pageErrors.pop()).toMatch(/the server responded with a status of 400 \(Bad Request\)$/);
    await page.close();
  });

  it('loaded nothing from beyond this machine and met no script errors', () => {
    expect(browser.requests.filter((url) => !isLoopback(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
