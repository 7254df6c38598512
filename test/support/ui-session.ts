// The browser half of the UI end-to-end tests (test/e2e/ui-*.test.ts): the renderer built as it
// ships, served by the real `concord serve` server (startServer) over the test's own engine, and
// headless Chromium to drive it. The engine and its servers stay with each test; this only keeps
// the set-up they all share in one place.
// Invariant: the build is React's production build whatever NODE_ENV the caller runs under (Vitest
// sets NODE_ENV=test, and Vite would then bundle the development build: test what ships).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { startServer } from '../../electron/headless/serve.ts';
import type { RunningServer, ServeOptions } from '../../electron/headless/serve.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the e2e tests write their screenshots for people to look at. */
export const screensDir = join(root, 'test-results', 'screens');

/** Builds the production renderer into `<dir>/renderer` and returns that folder (and makes sure the screenshots' folder exists). */
export async function buildUi(dir: string): Promise<string> {
  mkdirSync(screensDir, { recursive: true });
  const staticDir = join(dir, 'renderer');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), build: { outDir: staticDir, emptyOutDir: true }, logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return staticDir;
}

/** `concord serve` on a random loopback port over `engine`, and a headless Chromium to open it in. */
export async function serveUi(engine: ServeOptions['engine'], staticDir: string): Promise<{ server: RunningServer; browser: Browser }> {
  const server = await startServer({ engine, staticDir, host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { server, browser };
}

export interface UiPageOptions {
  locale: string;
  width: number;
  height: number;
  /** Fails a step with its own message well before Vitest's test timeout. */
  timeoutMs: number;
  acceptDownloads?: boolean;
}

/** A page in a window of its own whose script errors are logged. */
export async function openUiPage(browser: Browser, options: UiPageOptions): Promise<Page> {
  const { locale, width, height, timeoutMs, acceptDownloads } = options;
  const page = await browser.newPage({ viewport: { width, height }, locale, ...(acceptDownloads ? { acceptDownloads } : {}) });
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (error) => console.error('page error:', error));
  return page;
}
