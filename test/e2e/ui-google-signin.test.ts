// Adding a Google account from the UI, end to end: the real renderer build served by the real
// `concord serve` server over a real engine, driven in headless Chromium, against the Google fake
// (its consent page approves by itself and redirects to the engine's loopback listener). The user
// clicks "Sign in with Google"; serve has no host browser port, so the page opens the consent page
// in a new tab itself; the waiting state shows the link and Cancel; when the redirect arrives the
// account appears and the first-sync preview shows the fake's contacts, then the first sync runs.
// In Chinese a second sign-in is cancelled from the waiting state and nothing is added. The consent
// page's request is held at the browser (context.route) while the waiting state is screenshotted.
// Screenshots (en, zh-CN) go to test-results/screens/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { RunningServer } from '../../electron/headless/serve.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { buildUi, screensDir, serveUi } from '../support/ui-session.ts';

const people = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov'];
const SEEDED = people.length;

let tmp: string;
let fake: GoogleFake;
let t: TestEngine;
let server: RunningServer;
let browser: Browser;
/** The host's environment; the last test takes the OAuth client out of it. */
let env: Record<string, string>;

/** A browser window in `locale` whose requests to the fake's consent page wait until released. */
async function heldConsent(locale: string): Promise<{ context: BrowserContext; page: Page; held: Promise<Route>; release(): void }> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 860 }, locale });
  context.setDefaultTimeout(15_000);
  let gate!: () => void;
  const open = new Promise<void>((resolve) => (gate = resolve));
  let arrived!: (route: Route) => void;
  const held = new Promise<Route>((resolve) => (arrived = resolve));
  await context.route(`${fake.authUrl}**`, async (route) => {
    arrived(route);
    await open;
    await route.continue();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return { context, page, held, release: gate };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'concord-ui-google-'));
  const staticDir = await buildUi(tmp);
  fake = await startGoogleFake({
    seed: people.map((n, i) => {
      const [givenName, familyName] = n.split(' ');
      return { names: [{ givenName, familyName }], emailAddresses: [{ value: `person${i}@example.org` }] };
    }),
  });
  // As `CONCORD_GOOGLE_*=… concord serve` would be started: the fake's endpoints and OAuth client.
  env = {
    CONCORD_GOOGLE_API_ROOT: fake.rootUrl,
    CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl,
    CONCORD_GOOGLE_AUTH_URL: fake.authUrl,
    CONCORD_GOOGLE_CLIENT_ID: fake.clientId,
    CONCORD_GOOGLE_CLIENT_SECRET: fake.clientSecret,
  };
  t = startTestEngine({ ports: memoryPorts({ clock: { now: () => Date.now() } }), onDisk: true, sources: defaultSourceFactories(env), google: { env } });
  ({ server, browser } = await serveUi(t.engine, staticDir));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  t?.close();
  await fake?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('adding a Google account in the browser (concord serve + the Google fake)', () => {
  it('signs in from the form, previews the fake’s contacts and runs the first sync', async () => {
    const { context, page, held, release } = await heldConsent('en-US');
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Concord' }).waitFor();
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByRole('radio', { name: 'Google' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Google');

    const [consentTab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Sign in with Google' }).click()]);
    // The consent page opened in a new tab and is held there: the form waits, with the link and Cancel.
    const route = await held;
    const waiting = page.getByTestId('google-waiting');
    await waiting.getByText('Waiting for you to sign in to Google in your browser').waitFor();
    const link = waiting.getByRole('link', { name: 'If your browser did not open, use this link' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(route.request().url());
    expect(`${new URL(href).origin}${new URL(href).pathname}`).toBe(fake.authUrl);
    await waiting.getByRole('button', { name: 'Cancel sign-in' }).waitFor();
    expect(await t.client.call('accounts.list', {})).toEqual([]);
    await page.screenshot({ path: join(screensDir, 'google-signin-waiting-en.png'), fullPage: true });

    // The user approves: the fake redirects the tab to the engine's loopback listener.
    release();
    await consentTab.getByRole('heading', { name: 'Signed in' }).waitFor();
    await page.getByRole('heading', { name: 'Before the first sync' }).waitFor();
    await page.getByTestId('first-sync-start').waitFor();
    const accounts = await t.client.call('accounts.list', {});
    expect(accounts.map((a) => [a.kind, a.name])).toEqual([['google', 'Google']]);
    const row = (await page.getByTestId('first-sync').locator('tbody tr').first().locator('th, td').allTextContents()).map((s) => s.trim());
    // Account, already in Concord, new in Concord (the fake's contacts), written to the account …
    expect(row.slice(0, 4)).toEqual(['Google', '0', String(SEEDED), '0']);
    expect((await t.client.call('status.get', {})).contacts).toBe(0); // the preview wrote nothing
    await page.screenshot({ path: join(screensDir, 'google-signin-preview-en.png'), fullPage: true });

    await page.getByTestId('first-sync-start').click();
    await page.getByRole('heading', { name: 'First sync finished' }).waitFor();
    const contacts = await t.client.call('contacts.list', { limit: 100 });
    expect(contacts.total).toBe(SEEDED);
    expect(contacts.items.map((c) => c.displayName).sort()).toEqual([...people].sort());
    await page.getByTestId('account-item').filter({ hasText: 'Google' }).waitFor();
    await context.close();
  });

  it('在中文界面中等待登录，然后取消：什么都不添加', async () => {
    const { context, page, held, release } = await heldConsent('zh-CN');
    await page.goto(server.url);
    await page.getByRole('button', { name: '账户', exact: true }).click();
    await page.getByRole('button', { name: '添加账户' }).first().click();
    await page.getByRole('radio', { name: 'Google' }).check();
    await page.getByLabel('名称', { exact: true }).fill('Google 工作');
    await page.getByRole('button', { name: '使用 Google 登录' }).click();
    const route = await held;
    const redirect = new URL(route.request().url()).searchParams.get('redirect_uri') ?? '';
    const waiting = page.getByTestId('google-waiting');
    await waiting.getByText('请在浏览器中登录 Google').waitFor();
    await waiting.getByRole('link', { name: '如果浏览器没有自动打开，请点击此链接' }).waitFor();
    await page.screenshot({ path: join(screensDir, 'google-signin-waiting-zh-CN.png'), fullPage: true });

    await waiting.getByRole('button', { name: '取消登录' }).click();
    await waiting.waitFor({ state: 'detached' });
    // The loopback listener is gone: an approval arriving now cannot add anything.
    await expect.poll(() => fetch(`${redirect}/favicon.ico`).then(() => 'open', () => 'closed')).toBe('closed');
    release();
    expect((await t.client.call('accounts.list', {})).map((a) => a.name)).toEqual(['Google']);
    await context.close();
  });

  it('without an OAuth client says how to set one up, and checks the typed client is complete', async () => {
    delete env.CONCORD_GOOGLE_CLIENT_ID;
    delete env.CONCORD_GOOGLE_CLIENT_SECRET;
    const { context, page } = await heldConsent('en-US');
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.getByRole('button', { name: 'Add account' }).first().click();
    await page.getByRole('radio', { name: 'Google' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Google 2');
    await page.getByRole('button', { name: 'Sign in with Google' }).click();
    const failed = page.getByTestId('google-failed');
    await failed.getByText('Concord has no Google OAuth client to sign in with.', { exact: false }).waitFor();
    expect(await failed.getAttribute('data-code')).toBe('INVALID_PARAMS');
    await page.screenshot({ path: join(screensDir, 'google-signin-no-client-en.png'), fullPage: true });
    // The empty tab opened for the consent page was closed again.
    await expect.poll(() => context.pages().length).toBe(1);

    await page.locator('summary', { hasText: 'Your Google OAuth client' }).click();
    await page.getByLabel('Client ID').fill(fake.clientId);
    await page.getByRole('button', { name: 'Sign in with Google' }).click();
    await page.getByText('Enter both the client ID and the client secret, or leave both empty.').waitFor();
    await failed.waitFor({ state: 'detached' }); // the earlier answer no longer applies
    expect((await t.client.call('accounts.list', {})).map((a) => a.name)).toEqual(['Google']);
    await context.close();
  });
});
