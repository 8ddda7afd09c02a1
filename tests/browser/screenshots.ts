// Takes the screenshots of docs/ that README's guided tour shows, in Debian's chromium at 1366×768:
//   npm run screenshots -- --source ../shared/source/article.txt
// With --source, the server holds the article's text (checked against its SHA-256 at load), so the
// evidence screenshot shows quotes within their sentences.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { loadMemoryStore } from '../../src/store/load.js';
import { httpOn, REAL_SEED } from '../helpers.js';
import { KEYS, livingGraph } from '../curation/living.js';
import { openBrowser, VIEWPORTS } from './browser.js';
import { addFact, chooseEnd, describeNewSource, findNames, selectInText } from './curate-steps.js';
import { clickElement, openExplore, openIdeFirstVisit, openPage, runActiveTab, settled } from './pages.js';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
const SOURCE_ID_SLUG = 'heise-2026-02-germany-canada-ai';
const viewport = VIEWPORTS[0];

const { values } = parseArgs({ options: { source: { type: 'string' } } });
const texts = values.source ? await mkdtemp(join(tmpdir(), 'entente-texts-')) : null;
if (texts) await copyFile(values.source!, join(texts, `${SOURCE_ID_SLUG}.txt`));
const http = await httpOn(await loadMemoryStore(REAL_SEED, texts));
const browser = await openBrowser();

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${DOCS}${name}.png` });
  console.log(`docs/${name}.png`);
}

/** Opens /explore at an address, takes the steps, and shoots the page as docs/<name>.png. */
async function explore(address: string, name: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const page = await openExplore(browser, http.url, address, viewport);
  await steps(page);
  await shoot(page, name);
  await page.close();
}

try {
  await explore('/explore?open=Agreement:de-ca-ai-declaration', 'explore', async (page) => {
    await clickElement(page, 'Country:germany');
    await clickElement(page, 'Country:canada');
  });
  const signing = 'Relationship:Person:karsten-wildberger>SIGNED>Agreement:de-ca-ai-declaration';
  await explore(`/explore?open=Person:karsten-wildberger&sel=${encodeURIComponent(signing)}`, 'explore-evidence', async (page) => {
    await page.waitForSelector('#details .quote');
  });
  await explore('/explore?open=Person:karsten-wildberger', 'explore-path', async (page) => {
    await page.fill('#path-from', 'Karsten Wildberger');
    await page.fill('#path-to', 'Canada');
    await page.click('#path-form button[type=submit]');
    await page.waitForSelector('#path-result .path');
    await settled(page);
    await page.locator('#filters summary').click();
  });
  await explore('/explore?open=Person:karsten-wildberger', 'explore-timeline', async (page) => {
    await page.locator('#timeline .entry[data-entity="Event:all-in-2026"]').click();
    await settled(page);
    await clickElement(page, 'Event:all-in-2026');
    await page.uncheck('input[name="entity-type"][value="TOPIC"]');
    await settled(page);
    await page.locator('#path-finder summary').click();
  });

  const ide = await openIdeFirstVisit(browser, http.url, '/', viewport);
  await ide.waitForSelector('.graphiql-plugin .entente-fields');
  await shoot(ide, 'ide');
  await ide.locator('.entente-examples button', { hasText: 'WhoSigned' }).click();
  await runActiveTab(ide);
  await ide.locator('.entente-footer button').click();
  await ide.locator('.entente-evidence').waitFor();
  await shoot(ide, 'ide-evidence');
  await ide.getByLabel('Show Documentation Explorer').click();
  await ide.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
  await ide.locator('.graphiql-doc-explorer').getByText('entitiesByName', { exact: true }).first().waitFor();
  await shoot(ide, 'ide-docs');
  await ide.close();

  // Curation, on the made-up fixture graph with a journal (the real graph's facts are not to be invented).
  const living = await livingGraph();
  try {
    const curate = await openPage(browser, living.http.url, '/curate', viewport);
    await describeNewSource(curate, KEYS.curator);
    await findNames(curate);
    await selectInText(curate, 'Bob Sample signed the Grand Alliance');
    await chooseEnd(curate, 'from', 'Person:bob-sample');
    await chooseEnd(curate, 'to', 'Agreement:grand-alliance');
    await curate.fill('#fact-reason', 'the Herald reports the signing');
    await addFact(curate);
    await selectInText(curate, 'Bob Sample signed the Grand Alliance');
    await shoot(curate, 'curate');
    await curate.close();

    const after = (await living.post('{ changes(first: 100) { edges { cursor } } }')).body.data.changes.edges.at(-1).cursor;
    const subscription = `subscription Watch {\n  factsChanged(after: "${after}") {\n    sequence\n    operation\n    actor\n    reason\n    facts { id action }\n  }\n}\n`;
    const watch = await openPage(browser, living.http.url, `/?query=${encodeURIComponent(subscription)}`, viewport);
    await watch.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any)?.CodeMirror);
    await watch.click('.graphiql-execute-button');
    await living.post(
      'mutation { retractFact(input: { fact: "Relationship:Person:bob-sample>SIGNED>Agreement:grand-alliance", reason: "the Herald corrected its report" }) { change { sequence } } }',
      undefined,
      KEYS.curator,
    );
    await watch.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any).CodeMirror.getValue().includes('corrected'));
    await shoot(watch, 'ide-subscription');
    await watch.click('.graphiql-execute-button');
    await watch.close();
  } finally {
    await living.close();
  }
} finally {
  await browser.close();
  await http.close();
  if (texts) await rm(texts, { recursive: true, force: true });
}
