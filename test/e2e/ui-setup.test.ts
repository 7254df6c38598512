// The setup side of the UI end to end: the real renderer build served by the real `concord serve`
// server over a real engine, driven in headless Chromium, against a real Radicale. Walks what a new
// user does: onboarding with sample data (preview, then the first sync, which must do exactly what
// the preview said), adding a CardDAV account through the form (discovery feedback first, then the
// preview and first sync), per-account settings, a contact's accounts and field history with
// Restore, a CSV import with an unknown column mapped in the UI and undone, an export download,
// settings (guard, theme) and the switch to Chinese, where a second account's preview is cancelled.
// Screenshots of every screen in en and zh-CN (and dark) go to test-results/screens/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeContact } from '../../electron/engine/hub/contacts.ts';
import { getContact } from '../../electron/engine/db/repos/contacts.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { RunningServer } from '../../electron/headless/serve.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { buildUi, openUiPage, screensDir, serveUi } from '../support/ui-session.ts';


let tmp: string;
let t: TestEngine;
let server: RunningServer;
let radicale: CardDavServer;
let browser: Browser;
let page: Page;

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: join(screensDir, `setup-${name}.png`), fullPage: true });
}

/** The text of every cell of the preview table, row by row (the account name first). */
async function previewTable(target: Page = page): Promise<string[][]> {
  return target
    .getByTestId('first-sync')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent?.trim() ?? '')));
}

async function newPage(locale: string): Promise<Page> {
  return openUiPage(browser, { locale, width: 1180, height: 800, timeoutMs: 15_000, acceptDownloads: true });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'concord-ui-setup-'));
  const staticDir = await buildUi(tmp);
  radicale = await startRadicale();
  await radicale.createAddressBook('contacts', { displayName: 'Contacts' });

  // On disk and on the wall clock, as `concord serve` runs ("just now" in the history is real).
  t = startTestEngine({ ports: memoryPorts({ clock: { now: () => Date.now() } }), onDisk: true, sources: defaultSourceFactories({}) });
  ({ server, browser } = await serveUi(t.engine, staticDir));
  page = await newPage('en-US');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  t?.close();
  await radicale?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('setting Concord up in the browser (concord serve)', () => {
  it('welcomes an empty Concord in both languages', async () => {
    const zh = await newPage('zh-CN');
    await zh.goto(server.url);
    await zh.getByRole('heading', { name: '欢迎使用 Concord' }).waitFor();
    await zh.getByRole('button', { name: '使用示例数据' }).waitFor();
    await shot('onboarding-zh-CN', zh);
    await zh.close();

    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Concord' }).waitFor();
    await shot('onboarding-en');
  });

  it('loads sample data, previews the first sync and then does exactly what the preview said', async () => {
    await page.getByRole('button', { name: 'Try with sample data' }).click();
    await page.getByRole('heading', { name: 'Before the first sync' }).waitFor();
    await page.getByTestId('first-sync-start').waitFor();
    const predicted = await previewTable();
    expect(predicted.map((r) => r[0])).toEqual(['Sample phone', 'Sample laptop']);
    // Nothing written yet: the dry run rolled back.
    expect((await t.client.call('status.get', {})).contacts).toBe(0);
    await shot('first-sync-preview-en');

    await page.getByTestId('first-sync-start').click();
    await page.getByRole('heading', { name: 'First sync finished' }).waitFor();
    expect(await previewTable()).toEqual(predicted);
    const status = await t.client.call('status.get', {});
    expect(status.contacts).toBeGreaterThan(10);
    // "Already in Concord" of the laptop (synced after the phone) are the people both books hold.
    expect(Number(predicted[1]![1])).toBeGreaterThan(0);
    await shot('first-sync-done-en');
  });

  it('adds a CardDAV account through the form: discovery feedback first, then preview and first sync', async () => {
    // The sample accounts go; their contacts stay in Concord and will be written to Radicale.
    for (const a of await t.client.call('accounts.list', {})) await t.client.call('accounts.remove', { id: a.id });
    const hubContacts = (await t.client.call('status.get', {})).contacts;

    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Add account' }).first().click();
    await page.getByRole('radio', { name: 'CardDAV' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Radicale');
    // Nothing listens on port 9 of loopback: the form says so in plain words, nothing is saved.
    await page.getByLabel('Server URL').fill('http://127.0.0.1:9/');
    await page.getByLabel('User name').fill(radicale.username);
    await page.getByLabel('Password', { exact: true }).fill(radicale.password);
    await page.getByTestId('discover').click();
    await page.getByText('No address book was found at this address.', { exact: false }).waitFor();
    expect(await page.getByTestId('discovery').getAttribute('data-code')).toBe('PROVIDER_ERROR');
    expect(await t.client.call('accounts.list', {})).toEqual([]);
    await shot('account-form-error-en');

    await page.getByLabel('Server URL').fill(radicale.url);
    await page.getByTestId('discover').click();
    await page.getByText('Connected. Found 1 address book(s): Contacts').waitFor();
    await shot('account-form-found-en');
    await page.locator('form').getByRole('button', { name: 'Add account' }).click();

    await page.getByTestId('first-sync-start').waitFor();
    const predicted = await previewTable();
    expect(predicted).toHaveLength(1);
    expect(predicted[0]![0]).toBe('Radicale');
    // Hub contacts are new to the empty address book (all but those held back by an open duplicate suggestion).
    const toAccount = Number(predicted[0]![3]);
    expect(toAccount).toBeGreaterThan(hubContacts / 2);
    expect(toAccount).toBeLessThanOrEqual(hubContacts);
    await shot('account-preview-en');
    await page.getByTestId('first-sync-start').click();
    await page.getByRole('heading', { name: 'First sync finished' }).waitFor();
    expect(await previewTable()).toEqual(predicted);
    const [account] = (await t.client.call('status.get', {})).accounts;
    expect(account?.records).toBe(toAccount);
  });

  it('changes an account setting in place', async () => {
    const item = page.getByTestId('account-item').filter({ hasText: 'Radicale' });
    await item.getByRole('button', { name: 'Settings' }).click();
    await item.getByLabel('Country for phone numbers without a country code').selectOption('CN');
    await item.getByText('Saved').waitFor();
    await item.getByLabel('When both sides changed the same detail').selectOption('newest');
    await expect.poll(async () => (await t.client.call('accounts.list', {}))[0]?.settings).toMatchObject({ defaultRegion: 'CN', conflictPolicy: 'newest' });
    expect(await item.getByLabel('Country for phone numbers without a country code').locator('option:checked').textContent()).toBe('China (CN)');
    await shot('accounts-en');
  });

  it('shows which accounts hold a contact and restores a field from its history', async () => {
    const first = (await t.client.call('contacts.overview', { limit: 500 })).items.find((c) => c.accounts.includes('Radicale'));
    const id = first!.id;
    const ctx = { db: t.engine.context.db, now: Date.now(), runId: null };
    const fields = getContact(t.engine.context.db, id)!.fields;
    changeContact(ctx, id, { ...fields, note: 'First note' });
    changeContact({ ...ctx, now: Date.now() + 1 }, id, { ...fields, note: 'Second note' });
    t.engine.context.emit('contacts.changed', { ids: [id] });

    await page.getByRole('button', { name: 'Contacts' }).click();
    await page.getByRole('option', { name: new RegExp(first!.displayName) }).first().click();
    await page.getByTestId('held-by').getByText('Radicale').waitFor();
    const restore = page.getByRole('button', { name: 'Restore “First note”' });
    await restore.waitFor();
    await shot('contact-details-en');
    await restore.click();
    await expect.poll(() => getContact(t.engine.context.db, id)!.fields.note).toBe('First note');
  });

  const csv = ['First Name,Last Name,E-mail Address,Shoe size', 'Imke,Importer,imke@example.org,38', 'Ivo,Importer,ivo@example.org,44', ''].join('\r\n');

  it('imports a CSV with an unknown column mapped in the UI, and undoes it', async () => {
    await page.getByRole('button', { name: 'Import & export' }).click();
    await page.setInputFiles('#import-file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-preview').waitFor();
    await page.getByText('New contacts: 2').waitFor();
    const mapping = page.getByTestId('column-mapping');
    await mapping.getByText('not recognised').waitFor();
    await page.getByLabel('Where “Shoe size” goes').selectOption('customFields[Shoe size]');
    await expect.poll(async () => page.getByLabel('Where “Shoe size” goes').inputValue()).toBe('customFields[Shoe size]');
    await shot('import-preview-en');

    await page.getByRole('button', { name: 'Import 2 contact(s)' }).click();
    await page.getByText('Imported: 2 new, 0 merged, 0 to review, 0 skipped.').waitFor();
    const found = await t.client.call('contacts.list', { query: 'Importer' });
    expect(found.total).toBe(2);
    const imke = await t.client.call('contacts.get', { id: found.items.find((c) => c.displayName === 'Imke Importer')!.id });
    expect(imke.fields.customFields).toEqual([expect.objectContaining({ key: 'Shoe size', value: '38' })]);
    await shot('import-done-en');

    await page.getByRole('button', { name: 'Undo this import' }).click();
    await page.getByText('The import was undone.').waitFor();
    expect((await t.client.call('contacts.list', { query: 'Importer' })).total).toBe(0);
  });

  it('exports CSV in Outlook layout as a download', async () => {
    await page.getByLabel('Format', { exact: true }).last().selectOption('csv');
    await page.getByLabel('CSV layout').selectOption('outlook');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export and download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^concord-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.split('\n')[0]).toContain('First Name');
    const contacts = (await t.client.call('status.get', {})).contacts;
    await page.getByText(`Exported ${contacts} contact(s).`).waitFor();
    await shot('import-export-en');
  });

  it('changes settings: safety stop and theme', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const min = page.getByLabel('Pause when more than');
    await min.fill('25');
    await min.press('Enter');
    await expect.poll(async () => (await t.client.call('settings.get', {})).guardMinContacts).toBe(25);
    await page.getByLabel('and more than').fill('150');
    await page.getByLabel('and more than').press('Enter');
    await page.getByText('Enter a whole percentage from 0 to 100.').waitFor();
    expect((await t.client.call('settings.get', {})).guardFraction).toBe(0.05);
    await shot('settings-en');

    await page.getByLabel('Appearance').selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(28, 29, 32)');
    await shot('settings-dark-en');
    await page.getByRole('button', { name: 'Accounts' }).click();
    await shot('accounts-dark-en');
    await page.getByRole('button', { name: 'Import & export' }).click();
    await page.setInputFiles('#import-file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-preview').waitFor();
    await shot('import-preview-dark-en');
    // The choice survives a reload (this device's storage).
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Appearance').selectOption('system');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBeUndefined();
  });

  it('switches to Chinese; a second account is previewed in Chinese and its first sync cancelled', async () => {
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '联系人' }).waitFor();
    await page.getByText('已保存').first().waitFor();
    await shot('settings-zh-CN');

    const second = await radicale.createAddressBook('work', { displayName: 'Work' });
    await page.getByRole('button', { name: '账户' }).click();
    await page.getByRole('button', { name: '添加账户' }).first().click();
    await page.getByLabel('名称', { exact: true }).fill('工作通讯录');
    await page.getByLabel('服务器地址').fill(second);
    await page.getByLabel('用户名').fill(radicale.username);
    await page.getByLabel('密码', { exact: true }).fill(radicale.password);
    await page.getByTestId('discover').click();
    await page.getByText('连接成功，找到 2 个通讯录：', { exact: false }).waitFor();
    await shot('account-form-zh-CN');
    await page.locator('form').getByRole('button', { name: '添加账户' }).click();
    await page.getByRole('heading', { name: '首次同步之前' }).waitFor();
    await page.getByTestId('first-sync-start').waitFor();
    await shot('account-preview-zh-CN');
    await page.getByTestId('first-sync').getByRole('button', { name: '取消' }).click();
    await expect.poll(async () => (await t.client.call('accounts.list', {})).find((a) => a.name === '工作通讯录')?.enabled).toBe(false);
    const item = page.getByTestId('account-item').filter({ hasText: '工作通讯录' });
    await item.getByText('已关闭').waitFor();
    await page.getByTestId('account-item').filter({ hasText: 'Radicale' }).getByRole('button', { name: '设置' }).click();
    await shot('accounts-zh-CN');

    await page.getByRole('button', { name: '联系人' }).click();
    await page.getByRole('option').first().click();
    await page.getByTestId('held-by').waitFor();
    await page.getByText('历史记录').waitFor();
    await shot('contact-details-zh-CN');

    await page.getByRole('button', { name: '导入与导出' }).click();
    await page.setInputFiles('#import-file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('新联系人：2').waitFor();
    await page.getByText('未识别').waitFor();
    await shot('import-export-zh-CN');
  });
});
