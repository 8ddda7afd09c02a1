import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** The screen sizes every page is tried at: a common laptop and a common desktop. */
export const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  /** Every URL the pages asked for, to show that nothing left this machine. */
  requests: string[];
  close: () => Promise<void>;
}

/** Debian's chromium in a fresh profile, with everything that phones home switched off. */
export async function openBrowser(): Promise<TestBrowser> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'entente-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Whether a URL stays on this machine: loopback over HTTP, data inlined in the page, or a page's own blob. */
export function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:') return true;
  if (protocol === 'blob:') return isLoopback(url.slice('blob:'.length));
  return (protocol === 'http:' || protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}
