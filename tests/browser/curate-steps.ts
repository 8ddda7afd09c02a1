/// <reference lib="dom" />
// What a curator does on /curate, step by step, for the browser tests and the screenshots.
import type { Page } from 'playwright-core';

/** A new report about the tiny fixture's world: a date, and a signing the graph does not hold yet. */
export const HERALD_TEXT = 'Shelbyville Herald, 12 September 2024. Sylvania joined the Grand Alliance, and Bob Sample signed the Grand Alliance for Sylvania.';

/** Selects a passage of the text as a curator would (the first occurrence from `from`), and returns its offsets. */
export async function selectInText(page: Page, passage: string, from = 0): Promise<{ start: number; end: number }> {
  return page.locator('#text').evaluate(
    (element, [wanted, after]) => {
      const area = element as HTMLTextAreaElement;
      const start = area.value.indexOf(wanted as string, after as number);
      if (start < 0) throw new Error(`the text has no "${wanted}"`);
      area.focus();
      area.setSelectionRange(start, start + (wanted as string).length);
      area.dispatchEvent(new Event('select'));
      return { start, end: start + (wanted as string).length };
    },
    [passage, from] as const,
  );
}

/** Fills the key and the new source's fields, pastes its text and takes the date's passage from it. */
export async function describeNewSource(page: Page, key: string): Promise<void> {
  await page.fill('#key', key);
  await page.fill('#source-title-input', 'Shelbyville Herald');
  await page.fill('#source-slug', 'shelbyville-herald-2024-09');
  await page.selectOption('#source-language', 'EN');
  await page.fill('#source-date', '2024-09-12');
  await page.fill('#text', HERALD_TEXT);
  await selectInText(page, '12 September 2024');
  await page.click('#use-date-passage');
}

/** Fills the key, picks a source the graph holds and pastes its text; waits until the page has checked it. */
export async function useStoredSource(page: Page, key: string, sourceId: string, text: string): Promise<void> {
  await page.fill('#key', key);
  await page.check('input[name="source-kind"][value="stored"]');
  await page.waitForSelector(`#stored-choice option[value="${sourceId}"]`, { state: 'attached' });
  await page.selectOption('#stored-choice', sourceId);
  await page.fill('#text', text);
  await page.waitForFunction(() => ['ok', 'problem'].includes(document.getElementById('stored-check')!.className));
}

/** Asks for the names in the text and waits until the page lists them. */
export async function findNames(page: Page): Promise<void> {
  await page.click('#find-names');
  await page.waitForFunction(() => /names? of entities|:/.test(document.getElementById('names-status')!.textContent ?? ''));
}

/** The names the page proposes for the selected passage, as it words them. */
export function proposals(page: Page): Promise<string[]> {
  return page.locator('#proposals li').allInnerTexts().then((items) => items.map((item) => item.replace(/\s+/g, ' ').trim()));
}

/** Presses From or To on the proposal of an entity. */
export async function chooseEnd(page: Page, end: 'from' | 'to', entityId: string): Promise<void> {
  await page.locator(`#proposals li[data-entity="${entityId}"] .choose-${end}`).first().click();
}

/** Presses Add the fact and waits for the page to say what happened. */
export async function addFact(page: Page): Promise<string> {
  await page.click('#add-fact');
  await page.waitForFunction(() => {
    const result = document.getElementById('result')!;
    return result.className === 'ok' || result.className === 'problem';
  });
  return (await page.locator('#result').innerText()).replace(/\s+/g, ' ').trim();
}
