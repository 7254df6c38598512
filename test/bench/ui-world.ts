// What the UI benchmark runs against: the production renderer build, a real engine whose hub (a
// SQLite file, as the app keeps it) holds N generated contacts, `concord serve` in-process, and
// headless Chromium. Seeding writes through the hub's journaled createContact in one transaction
// (store.bench.ts measures that path): the fastest way in that still fills the FTS index and the
// derived columns exactly as a sync or an import would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { inTransaction } from '../../electron/engine/db/handle.ts';
import { createContact } from '../../electron/engine/hub/contacts.ts';
import { createEngine } from '../../electron/engine/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { startServer } from '../../electron/headless/serve.ts';
import type { RunningServer } from '../../electron/headless/serve.ts';
import { generatedPeople } from './generate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The flags the e2e tests use (test/e2e/ui-smoke.test.ts). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface UiWorld {
  engine: Engine;
  server: RunningServer;
  browser: Browser;
  seedMs: number;
  buildMs: number;
  close(): Promise<void>;
}

async function buildRenderer(outDir: string): Promise<void> {
  // Measure what ships: React's production build, whatever NODE_ENV the caller had.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), build: { outDir, emptyOutDir: true }, logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function startUiWorld(n: number): Promise<UiWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-ui-'));
  const staticDir = join(dir, 'renderer');
  let started = performance.now();
  await buildRenderer(staticDir);
  const buildMs = performance.now() - started;

  const engine = createEngine(memoryPorts({ clock: { now: () => Date.now() } }), { dataDir: dir, host: 'test', version: 'bench' });
  const { db } = engine.context;
  started = performance.now();
  const people = generatedPeople(n, 3);
  const now = Date.now();
  inTransaction(db, () => people.forEach((p) => createContact({ db, now, runId: null }, p)));
  const seedMs = performance.now() - started;

  const server = await startServer({ engine, staticDir, host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  return {
    engine,
    server,
    browser,
    seedMs,
    buildMs,
    async close() {
      await browser.close();
      await server.close();
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
