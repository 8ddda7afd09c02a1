/// <reference lib="dom" />
// Functions given to page.evaluate run in the page, where document and window exist.
import type { Page } from 'playwright-core';
import type { TestBrowser } from './browser.js';

export interface Viewport {
  width: number;
  height: number;
}

/** Script errors and failed loads of every page opened, to show that none happened. */
export const pageErrors: string[] = [];

/** Opens a page at a path of the server; `beforeLoad` is given the blank page before it goes there. */
export async function openPage(browser: TestBrowser, base: string, path: string, viewport: Viewport, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await beforeLoad?.(page);
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${path}: ${message.text()}`);
  });
  await page.goto(base + path);
  return page;
}

/** Waits until /explore has drawn and described the last view asked for. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).entente?.ready);
  await page.evaluate(() => (window as any).entente.ready);
  await page.evaluate(() => (window as any).entente.settled());
}

export async function openExplore(browser: TestBrowser, base: string, path: string, viewport: Viewport): Promise<Page> {
  const page = await openPage(browser, base, path, viewport);
  await settled(page);
  return page;
}

/** The view /explore shows: its state, the entities and lines in view, and what is selected. */
export function viewOf(page: Page): Promise<{ view: any; visible: string[]; selected: string[]; url: string }> {
  return page.evaluate(() => {
    const { cy, view } = (window as any).entente;
    return {
      view: view(),
      visible: cy.elements(':visible').map((e: any) => e.id()).sort(),
      selected: cy.elements(':selected').map((e: any) => e.id()),
      url: location.pathname + location.search,
    };
  });
}

export function positionsOf(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const positions: Record<string, { x: number; y: number }> = {};
    (window as any).entente.cy.nodes().forEach((n: any) => {
      positions[n.id()] = { x: Math.round(n.position('x') * 10) / 10, y: Math.round(n.position('y') * 10) / 10 };
    });
    return positions;
  });
}

/** Clicks an entity or a line of the picture where it is drawn, as a mouse would; pans to it first if it is out of view. */
export async function clickElement(page: Page, id: string): Promise<void> {
  const box = (await page.locator('#graph').boundingBox())!;
  const point = await page.evaluate(
    ({ id, width, height }) => {
      const cy = (window as any).entente.cy;
      const element = cy.getElementById(id);
      if (element.empty()) throw new Error(`${id} is not in the picture`);
      // No named helpers here: tsx would wrap them in a function the page does not have.
      const p = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
      if (p.x < 20 || p.y < 20 || p.x > width - 20 || p.y > height - 20) cy.center(element);
      return element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
    },
    { id, width: box.width, height: box.height },
  );
  await page.mouse.click(box.x + point.x, box.y + point.y);
  await settled(page);
}

export interface LabelReport {
  /** The smallest size at which an entity's name is drawn, in screen pixels. */
  smallest: number;
  /** Entities in view whose names are not drawn at this zoom. */
  undrawn: string[];
  /** Pairs of drawn labels whose boxes intersect. */
  overlaps: string[];
  count: number;
}

/**
 * Measures the labels through cytoscape: each label's font size times the zoom is its size on
 * screen, cytoscape draws no label whose size falls under its min-zoomed-font-size, and a label's
 * bounding box is where it is drawn.
 */
export function labelReport(page: Page): Promise<LabelReport> {
  return page.evaluate(() => {
    const cy = (window as any).entente.cy;
    const zoom = cy.zoom();
    const drawn = cy.elements(':visible').filter((e: any) => {
      const label = e.pstyle('label').strValue;
      return label && label.length > 0 && e.pstyle('font-size').pfValue * zoom >= e.pstyle('min-zoomed-font-size').pfValue;
    });
    const undrawn = cy.nodes(':visible').filter((n: any) => !drawn.contains(n)).map((n: any) => n.id());
    const sizes = drawn.map((e: any) => e.pstyle('font-size').pfValue * zoom);
    const boxes = drawn.map((e: any) => ({ id: e.id(), box: e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }) }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${boxes[i].id} / ${boxes[j].id}`);
      }
    }
    return { smallest: Math.min(...sizes), undrawn, overlaps, count: sizes.length };
  });
}

/** The text of a GraphiQL editor, whole: CodeMirror draws only the lines in view. */
export const editorText = (page: Page, selector: string) =>
  page.evaluate((s) => (document.querySelector(`${s} .CodeMirror`) as any).CodeMirror.getValue() as string, selector);

/**
 * The IDE as a first visit sees it: what earlier pages kept in this browser's storage for the server's
 * origin is cleared (through the DevTools protocol) before the page loads, while no IDE is open to write it back.
 */
export async function openIdeFirstVisit(browser: TestBrowser, base: string, path: string, viewport: Viewport): Promise<Page> {
  const page = await openPage(browser, base, path, viewport, async (blank) => {
    const devtools = await browser.context.newCDPSession(blank);
    await devtools.send('Storage.clearDataForOrigin', { origin: new URL(base).origin, storageTypes: 'local_storage' });
    await devtools.detach();
  });
  await page.waitForSelector('.graphiql-container');
  return page;
}

/**
 * Runs the IDE's active tab with ▶ and returns the answer as the response pane shows it, whatever
 * it holds. GraphiQL ignores ▶ until its response editor exists, and clears the pane when a run starts.
 */
export async function runActiveTab(page: Page): Promise<any> {
  await page.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any)?.CodeMirror);
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => (document.querySelector('.graphiql-response .CodeMirror') as any).CodeMirror.getValue() !== '');
  return JSON.parse(await editorText(page, '.graphiql-response'));
}
