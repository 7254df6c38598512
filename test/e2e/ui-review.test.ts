// The review screens end to end: the real renderer build served by `concord serve` (startServer)
// over an engine syncing a real Radicale and the Google People API fake. The data is made the way
// a user would make it — edits on both servers between syncs — so the conflict, the duplicate, the
// runs and the safety stop are the engine's own. In the browser: approve the safety stop, resolve
// conflicts (one by its card, one by a bulk action), merge a suggestion, undo the merge from
// Activity, and switch the language. Screenshots of each screen in English and Chinese go to
// test-results/screens/ for people to look at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { RunningServer } from '../../electron/headless/serve.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { addCardDavAccount, addFakeGoogleAccount, basicAuth, fakeGoogleEnv } from '../support/engine-accounts.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import { card } from '../support/sync-world.ts';
import type { CardSpec } from '../support/sync-world.ts';
import { buildUi, openUiPage, screensDir, serveUi } from '../support/ui-session.ts';

type Fake = Awaited<ReturnType<typeof startGoogleFake>>;


let tmp: string;
let radicale: CardDavServer;
let fake: Fake;
let t: TestEngine;
let book: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

/** Writes a card to Radicale as another CardDAV client would (no precondition: the user's edit wins). */
async function putCard(spec: CardSpec & { uid: string }): Promise<void> {
  const res = await fetch(new URL(`${spec.uid}.vcf`, book), {
    method: 'PUT',
    headers: { 'Content-Type': 'text/vcard; charset=utf-8', Authorization: basicAuth(radicale) },
    body: card(spec),
  });
  if (res.status >= 300) throw new Error(`PUT ${spec.uid}: ${res.status}`);
}

function googlePerson(email: string): string {
  const person = fake.state.listPeople().find((p) => JSON.stringify(p.emailAddresses ?? []).toLowerCase().includes(email));
  if (!person) throw new Error(`Google holds no ${email}`);
  return person.resourceName as string;
}

async function sync(params: { approve?: boolean } = {}) {
  return t.client.call('sync.run', params);
}

async function shot(name: string): Promise<void> {
  // Let the virtualiser measure and the last status.get land before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(screensDir, `${name}.png`) });
}

async function go(section: RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: section }).click();
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'concord-ui-review-'));
  const staticDir = await buildUi(tmp);

  [radicale, fake] = await Promise.all([startRadicale(), startGoogleFake({ quotas: false })]);
  book = await radicale.createAddressBook('contacts');
  t = startTestEngine({ sources: defaultSourceFactories(fakeGoogleEnv(fake)) });
  await addCardDavAccount(t.client, radicale, 'Radicale');
  await addFakeGoogleAccount(t.client, fake);

  // Four people in Radicale, one in Google who is Robert Smith under his short name.
  await putCard({ uid: 'r-ann', fn: 'Ann Lee', email: 'ann@example.org', note: 'met in Lisbon' });
  await putCard({ uid: 'r-dan', fn: 'Dan Wu', email: 'dan@example.org', note: 'climbing' });
  await putCard({ uid: 'r-eve', fn: 'Eve Park', email: 'eve@example.org', note: 'neighbour' });
  await putCard({ uid: 'r-carol', fn: 'Carol Díaz', email: 'carol@example.org' });
  await putCard({ uid: 'r-robert', fn: 'Robert Smith', email: 'rsmith@example.org', phone: '+1 415 555 0101' });
  fake.state.createInWebUi({ names: [{ givenName: 'Bob', familyName: 'Smith', unstructuredName: 'Bob Smith' }], phoneNumbers: [{ value: '(415) 555-0101' }] });
  expect(await sync()).toMatchObject({ errors: 0, paused: false });
  expect(await sync()).toMatchObject({ errors: 0, paused: false });

  // The same notes edited differently on both sides: three conflicts (policy "ask").
  await putCard({ uid: 'r-ann', fn: 'Ann Lee', email: 'ann@example.org', note: 'met in Porto' });
  await putCard({ uid: 'r-dan', fn: 'Dan Wu', email: 'dan@example.org', note: 'bouldering' });
  await putCard({ uid: 'r-eve', fn: 'Eve Park', email: 'eve@example.org', note: 'lives next door' });
  fake.state.editInWebUi(googlePerson('ann@example.org'), { biographies: [{ value: 'met in Lisbon, 2019', contentType: 'TEXT_PLAIN' }] });
  fake.state.editInWebUi(googlePerson('dan@example.org'), { biographies: [{ value: 'climbing gym on Tuesdays', contentType: 'TEXT_PLAIN' }] });
  fake.state.editInWebUi(googlePerson('eve@example.org'), { biographies: [{ value: 'moved to Berlin', contentType: 'TEXT_PLAIN' }] });
  const edited = await sync();
  expect(edited.conflicts).toBe(3);
  expect(await t.client.call('conflicts.list', {})).toHaveLength(3);

  await t.client.call('duplicates.scan', {});
  expect((await t.client.call('duplicates.list', {})).total).toBe(1);

  // A deletion in Google beyond the (lowered) guard limit: the engine pauses Google and asks.
  await t.client.call('settings.update', { guardMinContacts: 0, guardFraction: 0 });
  fake.state.deleteInWebUi(googlePerson('carol@example.org'));
  const stopped = await sync();
  expect(stopped.paused).toBe(true);

  ({ server, browser } = await serveUi(t.engine, staticDir));
  page = await openUiPage(browser, { locale: 'en-US', width: 1200, height: 800, timeoutMs: 10_000 });
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  t?.close();
  await Promise.all([radicale?.stop(), fake?.close()]);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the review screens over concord serve, Radicale and Google', () => {
  it('shows the counts in the sidebar and the safety stop above every screen', async () => {
    await page.getByTestId('badge-conflicts').getByText('3', { exact: true }).waitFor();
    await page.getByTestId('badge-suggestions').getByText('1', { exact: true }).waitFor();
    const stop = page.getByTestId('safety-stop');
    await stop.getByText('Syncing Google would delete 1 contact —', { exact: false }).waitFor();
    // The badge carries its meaning for screen readers.
    expect(await page.getByRole('button', { name: /Conflicts.*3 conflicts to decide/ }).count()).toBe(1);
  });

  it('pictures every review screen in English', async () => {
    await go(/^Conflicts/);
    await page.getByTestId('conflict-card').first().waitFor();
    // Virtualised, but three cards fit on the screen.
    await page.getByTestId('conflict-card').nth(2).waitFor();
    await page.getByText('Use Google for all Notes (3)').waitFor();
    await shot('conflicts-en');

    await go(/^Merge suggestions/);
    await page.getByTestId('suggestion-detail').getByText('After merging').waitFor();
    await shot('suggestions-en');

    await go(/^Activity/);
    await page.getByTestId('run-details').waitFor();
    await shot('activity-en');
  });

  it('switches to Chinese and back, and pictures the screens in Chinese', async () => {
    await go(/^Settings/);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: /^冲突/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await go(/^冲突/);
    await page.getByText('“备注”全部采用 Google（3）').waitFor();
    await page.getByRole('button', { name: /^为Ann Lee采用 Google 中“备注”的值$/ }).waitFor();
    await shot('conflicts-zh-CN');
    await go(/^合并建议/);
    await page.getByTestId('suggestion-detail').getByText('合并后的效果').waitFor();
    // The engine's evidence codes, in Chinese.
    await page.getByTestId('suggestion-detail').getByText('手机相同：+1 415 555 0101 = (415) 555-0101（写法不同）').waitFor();
    await shot('suggestions-zh-CN');
    await go(/^动态/);
    await page.getByTestId('safety-stop').getByText('为安全起见，同步已暂停').waitFor();
    await page.getByTestId('run-details').waitFor();
    await shot('activity-zh-CN');

    await go(/^设置/);
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('button', { name: /^Conflicts/ }).waitFor();
  });

  it('approves the safety stop: the deletion reaches Radicale and the stop is gone', async () => {
    await go(/^Activity/);
    const stop = page.getByTestId('safety-stop');
    await stop.getByRole('button', { name: 'Approve and sync' }).click();
    await page.getByText('Approved and synced.').waitFor();
    await stop.waitFor({ state: 'detached' });
    const status = await t.client.call('status.get', {});
    expect(status.accounts.map((a) => a.pausedFor)).toEqual([null, null]);
    expect((await t.client.call('contacts.list', { query: 'carol' })).total).toBe(0);
  });

  it('resolves one conflict on its card and the others with a bulk action', async () => {
    await go(/^Conflicts/);
    const ann = page.getByTestId('conflict-card').filter({ hasText: 'Ann Lee' });
    await ann.getByTestId('hub-value').waitFor();
    const annValues = [await ann.getByTestId('hub-value').textContent(), await ann.getByTestId('account-value').textContent()];
    expect(annValues.sort()).toEqual(['met in Lisbon, 2019', 'met in Porto']);
    // Keyboard: the first card takes focus, ↓ moves to the next one.
    await page.getByTestId('conflict-card').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-conflict-index') === '1');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-conflict-index') === '0');

    // Ann: take Google's note, whichever side it is on.
    const googleSide = (await ann.getByTestId('account-value').textContent()) === 'met in Lisbon, 2019' ? 'account' : 'hub';
    if (googleSide === 'account') await ann.getByRole('button', { name: 'Use Google’s value of Notes for Ann Lee' }).click();
    else await ann.getByRole('button', { name: 'Keep the current value of Notes for Ann Lee' }).click();
    await page.getByTestId('review-notice').getByText('Decided: Notes of Ann Lee.').waitFor();
    await page.getByTestId('conflict-card').filter({ hasText: 'Ann Lee' }).waitFor({ state: 'detached' });

    // Dan and Eve together: "Use Google for all Notes", after a confirmation.
    await page.getByRole('button', { name: 'Use Google for all Notes (2)' }).click();
    await page.getByText('Use Google’s value for all 2 “Notes” conflicts?').waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('review-notice').getByText('Decided 2 conflicts.').waitFor();
    await page.getByText('No conflicts').waitFor();
    await page.getByTestId('badge-conflicts').waitFor({ state: 'detached' });
    expect(await t.client.call('conflicts.list', {})).toEqual([]);

    // The decisions reach both servers on the next sync: Google's notes everywhere.
    expect(await sync()).toMatchObject({ errors: 0, conflicts: 0 });
    const notes = fake.state.listPeople().map((p) => JSON.stringify(p.biographies ?? '')).join(' ');
    for (const note of ['met in Lisbon, 2019', 'climbing gym on Tuesdays', 'moved to Berlin']) expect(notes).toContain(note);
    for (const [uid, note] of [['r-ann', 'met in Lisbon\\, 2019'], ['r-dan', 'climbing gym on Tuesdays'], ['r-eve', 'moved to Berlin']]) {
      const res = await fetch(new URL(`${uid}.vcf`, book), { headers: { Authorization: basicAuth(radicale) } });
      expect(await res.text()).toContain(`NOTE:${note}`);
    }
  });

  it('accepts a merge with a per-field choice, then undoes it from Activity', async () => {
    await go(/^Merge suggestions/);
    const detail = page.getByTestId('suggestion-detail');
    await detail.getByText('Bob Smith', { exact: false }).first().waitFor();
    // The reasons and the score are shown; the preview follows the name choice.
    await detail.getByText(/% match/).waitFor();
    await detail.getByRole('radio', { name: /Robert Smith/ }).check();
    await detail.locator('.merge-preview .field-rows').getByText('Robert Smith', { exact: true }).waitFor();
    await detail.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByTestId('review-notice').getByText('Merged 2 cards into', { exact: false }).waitFor();
    await page.getByText('No possible duplicates').waitFor();
    const names = (await t.client.call('contacts.list', {})).items.map((c) => c.displayName).sort();
    expect(names).toEqual(['Ann Lee', 'Dan Wu', 'Eve Park', 'Robert Smith']);

    await go(/^Activity/);
    await page.getByRole('option', { name: /^Merge/ }).first().click();
    await page.getByTestId('run-details').getByRole('heading', { name: 'Merge' }).waitFor();
    await page.getByTestId('run-details').getByText('Moved to trash').waitFor();
    await page.getByRole('button', { name: 'Undo this run' }).click();
    await page.getByRole('group', { name: 'Undo this run' }).getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByTestId('review-notice').getByText(/^Undone: \d+ changes reversed\.$/).waitFor({ timeout: 20_000 });
    const after = (await t.client.call('contacts.list', {})).items.map((c) => c.displayName).sort();
    expect(after).toEqual(['Ann Lee', 'Bob Smith', 'Dan Wu', 'Eve Park', 'Robert Smith']);
    await shot('activity-after-undo-en');
  });
});
