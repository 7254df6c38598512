// UI smoke test: the real renderer build, served by the real `concord serve` server over a real
// engine, driven in headless Chromium. Proves the pieces meet: token hand-off, the WebSocket
// transport, paged and searchable contacts (Chinese included), account form and removal, the
// language switch and Chinese rendering. Screenshots go to test-results/ui-smoke-*.png for people
// to look at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactFields } from '../../shared/model/contact.ts';
import { emptyContactFields } from '../../shared/model/contact.ts';
import { createEngine } from '../../electron/engine/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import { createContact } from '../../electron/engine/hub/contacts.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { memorySourceFactory } from '../../electron/engine/providers/memory/factory.ts';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import type { RunningServer } from '../../electron/headless/serve.ts';
import { buildUi, openUiPage, serveUi } from '../support/ui-session.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const results = join(root, 'test-results');

let tmp: string;
const phones = new Map<string, MemorySource>();
let engine: Engine;
let server: RunningServer;
let browser: Browser;
let page: Page;

function fields(p: { given?: string; family?: string; fn?: string; email?: string; phone?: string; org?: string; title?: string }): ContactFields {
  const f = emptyContactFields();
  f.name.given = p.given ?? '';
  f.name.family = p.family ?? '';
  f.formattedName = p.fn ?? '';
  if (p.email) f.emails.push({ value: p.email, label: 'work', primary: true });
  if (p.phone) f.phones.push({ value: p.phone, label: 'mobile', primary: true });
  if (p.org) f.organizations.push({ name: p.org, department: '', title: p.title ?? '', phoneticName: '' });
  return f;
}

function seed(f: ContactFields): void {
  createContact({ db: engine.context.db, now: Date.now(), runId: null }, f);
}

const seeded = [
  fields({ given: 'Anna', family: 'Schmidt', email: 'anna.schmidt@example.org', phone: '+49 30 1234567', org: 'Nordlicht GmbH', title: 'Engineer' }),
  fields({ given: 'Bob', family: 'Lee', email: 'bob@example.com' }),
  fields({ given: 'Carol', family: 'Díaz', phone: '+1 415 555 0100', org: 'Harbor & Co.' }),
  fields({ fn: '张伟', family: '张', given: '伟', phone: '+86 138 0013 8000', org: '北京星辰科技有限公司', title: '产品经理' }),
  fields({ given: 'Émile', family: 'Zola', email: 'emile@example.fr' }),
];

/** Waits until the element's text is exactly `text` (the UI updates asynchronously). */
async function textBecomes(selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel!)?.textContent?.trim() === want,
    [selector, text] as const,
    { timeout: 10_000 },
  );
}

async function rowNames(): Promise<string[]> {
  return page.locator('[role=option] .contact-row-name').allTextContents();
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'concord-ui-'));
  const staticDir = await buildUi(tmp);

  engine = createEngine(memoryPorts(), {
    dataDir: tmp,
    host: 'test',
    version: '0.0.0-test',
    databasePath: ':memory:',
    sources: { memory: memorySourceFactory(phones) },
  });
  for (const f of seeded) seed(f);
  ({ server, browser } = await serveUi(engine, staticDir));
  // en-US so the 'system' language resolves to English first.
  page = await openUiPage(browser, { locale: 'en-US', width: 1100, height: 720, timeoutMs: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  engine?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the UI over concord serve', () => {
  it('loads, takes the token out of the address bar and shows the contacts with their total', async () => {
    await page.goto(server.url);
    await textBecomes('[data-testid=contact-count]', '5 contacts');
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Sorted by name, accents folded ("Émile" with the E's), Chinese after Latin.
    expect(await rowNames()).toEqual(['Anna Schmidt', 'Bob Lee', 'Carol Díaz', 'Émile Zola', '张伟']);
    await textBecomes('[data-testid=status-line]', 'Version 0.0.0-test');
  });

  it('filters as the user types, in Latin and Chinese script', async () => {
    const search = page.getByRole('searchbox');
    await search.fill('anna');
    await textBecomes('[data-testid=contact-count]', '1 match');
    expect(await rowNames()).toEqual(['Anna Schmidt']);

    await search.fill('example');
    await textBecomes('[data-testid=contact-count]', '3 matches');

    await search.fill('张伟');
    await textBecomes('[data-testid=contact-count]', '1 match');
    expect(await rowNames()).toEqual(['张伟']);

    await search.fill('nobody-like-this');
    await textBecomes('[data-testid=contact-count]', '0 matches');
    await page.getByText('No contacts match “nobody-like-this”').waitFor();

    await search.fill('');
    await textBecomes('[data-testid=contact-count]', '5 contacts');
  });

  it('shows a contact in the details pane when its row is selected', async () => {
    await page.getByRole('option', { name: /张伟/ }).click();
    await textBecomes('#contact-details-name', '张伟');
    await page.getByText('产品经理 · 北京星辰科技有限公司').waitFor();
    await page.getByRole('option', { name: /Anna Schmidt/ }).click();
    await textBecomes('#contact-details-name', 'Anna Schmidt');
    await page.getByRole('link', { name: 'anna.schmidt@example.org' }).waitFor();
    await page.screenshot({ path: join(results, 'ui-smoke-contacts-en.png') });
  });

  it('checks the add-account fields, lists an account and removes it after confirmation', async () => {
    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByText('No accounts yet').waitFor();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('radio', { name: 'CardDAV' }).check();
    await page.locator('form').getByRole('button', { name: 'Add account' }).click();
    await page.getByText('Please fill in “Name”.').waitFor();
    await page.getByText('Please fill in “Server URL”.').waitFor();
    await page.screenshot({ path: join(results, 'ui-smoke-accounts-form-en.png') });

    // Adding through a real server or Google's sign-in is ui-setup's and ui-google-signin's part;
    // here an account arrives from the engine and the list follows its event.
    await page.getByRole('button', { name: 'Cancel' }).click();
    const added = await engine.dispatch('accounts.add', { kind: 'memory', name: 'Personal Google' });
    if (!added.ok) throw new Error(added.error.message);
    const item = page.getByTestId('account-item').filter({ hasText: 'Personal Google' });
    await item.waitFor();
    await page.screenshot({ path: join(results, 'ui-smoke-accounts-en.png') });

    await item.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Remove “Personal Google” from Concord?', { exact: false }).waitFor();
    await item.getByRole('button', { name: 'Remove account' }).click();
    await page.getByText('No accounts yet').waitFor();
  });

  it('syncs on request and says what happened', async () => {
    // An account that already holds Bob: he is linked, and the other four are written to it.
    const account = await engine.dispatch('accounts.add', { kind: 'memory', name: 'Phone' });
    if (!account.ok) throw new Error(account.error.message);
    const phone = new MemorySource();
    phone.createExternally(['BEGIN:VCARD', 'VERSION:3.0', 'UID:bob', 'FN:Bob Lee', 'N:Lee;Bob;;;', 'EMAIL:bob@example.com', 'END:VCARD', ''].join('\r\n'));
    phones.set((account.result as { id: string }).id, phone);

    await page.getByRole('button', { name: 'Sync now' }).click();
    // Bob is linked: Concord's Bob (whose FN the hub filled in when he was added) already has all
    // the phone's card says, so only the phone's card changes (it gains the e-mail's label); the
    // account gets 4 new cards.
    await page.getByTestId('sync-result').getByText('Up to date: 4 added, 1 changed, 0 removed').waitFor();
    expect(phone.snapshot()).toHaveLength(5);
    expect(await page.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Contacts' }).click();
    await textBecomes('[data-testid=contact-count]', '5 contacts');
    await engine.dispatch('accounts.remove', { id: (account.result as { id: string }).id });
  });

  it('switches to Chinese from Settings', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '联系人' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByText('已保存').waitFor();
    await page.screenshot({ path: join(results, 'ui-smoke-settings-zh-CN.png') });

    await page.getByRole('button', { name: '联系人' }).click();
    await textBecomes('[data-testid=contact-count]', '5 位联系人');
    await page.getByRole('option', { name: /张伟/ }).click();
    await textBecomes('#contact-details-name', '张伟');
    await page.getByText('手机').waitFor();
    await page.screenshot({ path: join(results, 'ui-smoke-contacts-zh-CN.png') });
  });

  it('pages through a large book on scroll and re-queries on contacts.changed', async () => {
    const extra = 2_000;
    for (let i = 0; i < extra; i++) seed(fields({ given: 'Zed', family: `Person ${String(i).padStart(4, '0')}` }));
    engine.context.emit('contacts.changed', { ids: null });
    await textBecomes('[data-testid=contact-count]', `${(extra + 5).toLocaleString('zh-CN')} 位联系人`);
    // Virtualised: only the rows on screen (plus a few) exist, however long the list is.
    expect(await page.locator('[role=option]').count()).toBeLessThan(60);
    await page.locator('.contact-list').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByRole('option', { name: /张伟/ }).waitFor();
    await page.getByRole('option', { name: /Zed Person 1999/ }).waitFor();
  });
});
