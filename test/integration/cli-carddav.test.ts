// The `concord` CLI with CardDAV and iCloud accounts: adding them with passwords from an environment
// variable or stdin (never argv), where each setting lands, what is refused; and two CardDAV address
// books on real Radicale and Xandikos servers synced from the command line — the README's newcomer
// path, and a two-way sync between real Radicale and Xandikos address books.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactOverview } from '../../shared/api/contract.ts';
import type { Account } from '../../shared/model/account.ts';
import type { SyncSummary } from '../../shared/model/sync.ts';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { concord } from './cli-harness.ts';

const temp = mkdtempSync(join(tmpdir(), 'concord-cli-carddav-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const password = `pw-${randomUUID()}`;

describe('concord account add carddav|icloud', () => {
  const dataDir = join(temp, 'accounts');
  const cli = concord(dataDir, { DAV_PASSWORD: password });

  it('stores the server, user and direction in the account and the password in the 0600 secrets file only', async () => {
    const added = await cli.json<Account>([
      'account', 'add', 'carddav', '--name', 'Nextcloud', '--url', 'https://cloud.example.com/remote.php/dav', '--username', 'ann',
      '--password-env', 'DAV_PASSWORD', '--direction', 'pull', '--json',
    ]);
    expect(added).toMatchObject({ kind: 'carddav', name: 'Nextcloud', settings: { url: 'https://cloud.example.com/remote.php/dav', username: 'ann', direction: 'pull' } });
    const secrets = join(dataDir, 'secrets-headless.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(password);
    for (const f of readdirSync(dataDir).filter((f) => f !== 'secrets-headless.json')) expect(readFileSync(join(dataDir, f)).toString('latin1')).not.toContain(password);
  });

  it('reads the password from stdin when no variable is named', async () => {
    await cli.ok(['account', 'add', 'icloud', '--name', 'iCloud', '--username', 'ann@icloud.example'], { input: 'abcd-efgh-ijkl-mnop\n' });
    const icloud = (await cli.json<Account[]>(['account', 'list', '--json'])).find((a) => a.name === 'iCloud');
    expect(icloud).toMatchObject({ kind: 'icloud', settings: { url: 'https://contacts.icloud.com/', username: 'ann@icloud.example', direction: 'two-way' } });
    expect(readFileSync(join(dataDir, 'secrets-headless.json'), 'utf8')).toContain('abcd-efgh-ijkl-mnop');
    expect(await cli.fails(['account', 'add', 'icloud', '--name', 'Empty', '--username', 'x@icloud.example'], 2, { input: '' })).toMatch(/no app-specific password given/);
  });

  it('refuses what is missing or wrong, in one line', async () => {
    const [noUrl, badDirection, badUrl, noVar] = await Promise.all([
      cli.fails(['account', 'add', 'carddav', '--name', 'X', '--username', 'u', '--password-env', 'DAV_PASSWORD'], 2),
      cli.fails(['account', 'add', 'carddav', '--name', 'X', '--url', 'https://x.example/', '--username', 'u', '--password-env', 'DAV_PASSWORD', '--direction', 'sideways'], 2),
      cli.fails(['account', 'add', 'carddav', '--name', 'X', '--url', 'ftp://x.example/', '--username', 'u', '--password-env', 'DAV_PASSWORD']),
      cli.fails(['account', 'add', 'carddav', '--name', 'X', '--url', 'https://x.example/', '--username', 'u', '--password-env', 'NOPE'], 2),
    ]);
    expect(noUrl).toMatch(/^--url is required \(usage: concord account add carddav/);
    expect(badDirection).toBe("--direction must be two-way, pull or push, not 'sideways'");
    expect(badUrl).toMatch(/^accounts\.add: url: /);
    expect(noVar).toBe('--password-env NOPE: the environment variable NOPE is not set (or empty)');
    expect((await cli.json<Account[]>(['account', 'list', '--json'])).map((a) => a.name)).toEqual(['Nextcloud', 'iCloud']);
  });
});

describe('concord sync with two CardDAV address books (Radicale and Xandikos)', () => {
  let radicale: CardDavServer;
  let xandikos: CardDavServer;
  beforeAll(async () => {
    [radicale, xandikos] = await Promise.all([startRadicale(), startXandikos()]);
  });
  afterAll(async () => {
    await Promise.all([radicale?.stop(), xandikos?.stop()]);
  });

  it('links the same person, copies the rest both ways, and reports a quiet second run', async () => {
    const book = await radicale.createAddressBook('contacts');
    const auth = `Basic ${Buffer.from(`${radicale.username}:${radicale.password}`).toString('base64')}`;
    const put = await fetch(new URL('ann.vcf', book), {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
      body: 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ann\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEMAIL:ann@example.org\r\nEND:VCARD\r\n',
    });
    expect(put.status).toBe(201);
    const cli = concord(join(temp, 'sync'), { R_PASSWORD: radicale.password, X_PASSWORD: xandikos.password || 'unused' });
    await cli.ok(['account', 'add', 'carddav', '--name', 'Radicale', '--url', radicale.url, '--username', radicale.username, '--password-env', 'R_PASSWORD']);
    await cli.ok(['account', 'add', 'carddav', '--name', 'Xandikos', '--url', xandikos.url, '--username', xandikos.username, '--password-env', 'X_PASSWORD']);
    const first = await cli.json<SyncSummary>(['sync', '--json']);
    expect(first).toMatchObject({ errors: 0, paused: false });
    const contacts = await cli.json<ContactOverview[]>(['contacts', 'list', '--json']);
    expect(contacts).toEqual([expect.objectContaining({ displayName: 'Ann Lee', emails: ['ann@example.org'], accounts: ['Radicale', 'Xandikos'] })]);
    expect(await cli.json<SyncSummary>(['sync', '--json'])).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });
});
