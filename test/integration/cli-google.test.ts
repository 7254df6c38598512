// The `concord` CLI with a Google account on the People API fake (real googleapis client in the CLI
// process, endpoints from CONCORD_GOOGLE_*): adding with a refresh token from the environment
// (checked at once), signing in through the browser flow (the test plays the browser), syncing
// next to a folder account, and secrets that stay in secrets-headless.json (mode 0600) only.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusView } from '../../shared/api/contract.ts';
import type { Account } from '../../shared/model/account.ts';
import type { SyncSummary } from '../../shared/model/sync.ts';
import { startGoogleFake } from '../support/google-fake/index.ts';
import type { GoogleFake } from '../support/google-fake/index.ts';
import { concord, startCli } from './cli-harness.ts';

let fake: GoogleFake;
let env: Record<string, string>;
const temp = mkdtempSync(join(tmpdir(), 'concord-cli-google-'));
const dataDir = join(temp, 'data');
const folder = join(temp, 'folder');

beforeAll(async () => {
  fake = await startGoogleFake({ quotas: false });
  env = {
    CONCORD_GOOGLE_API_ROOT: fake.rootUrl,
    CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl,
    CONCORD_GOOGLE_AUTH_URL: fake.authUrl,
    G_CLIENT_SECRET: fake.clientSecret,
  };
});
afterAll(async () => {
  await fake.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Every file of the data folder but the secrets file, as text (the database included). */
function everythingButSecrets(): string {
  return readdirSync(dataDir)
    .filter((f) => f !== 'secrets-headless.json')
    .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
    .join('\n');
}

describe('concord CLI with a Google account (People API fake)', () => {
  it('refuses a refresh token Google does not accept, and an unset variable, in one line', async () => {
    const cli = concord(dataDir, { ...env, G_TOKEN: 'not-a-token' });
    const base = ['account', 'add', 'google', '--name', 'Google', '--client-id', fake.clientId, '--client-secret-env', 'G_CLIENT_SECRET'];
    expect(await cli.fails([...base, '--refresh-token-env', 'G_TOKEN'])).toMatch(/^Google: .*sign in again/i);
    expect(await cli.fails([...base, '--refresh-token-env', 'G_NOT_SET'], 2)).toBe(
      '--refresh-token-env G_NOT_SET: the environment variable G_NOT_SET is not set (or empty)',
    );
    expect(await cli.json<Account[]>(['account', 'list', '--json'])).toEqual([]);
  });

  it('adds Google with a refresh token from the environment and keeps every secret out of argv, logs and the database', async () => {
    const token = fake.state.oauth.issueTokens().refresh_token!;
    const cli = concord(dataDir, { ...env, G_TOKEN: token });
    const out = await cli.ok(['account', 'add', 'google', '--name', 'Google', '--client-id', fake.clientId, '--client-secret-env', 'G_CLIENT_SECRET', '--refresh-token-env', 'G_TOKEN']);
    expect(out).toBe('Added the google account “Google”. Run concord sync to sync it.\n');
    const secrets = join(dataDir, 'secrets-headless.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(token);
    expect(everythingButSecrets()).not.toContain(token);
    expect(everythingButSecrets()).not.toContain(fake.clientSecret);
  });

  it('syncs Google and a folder both ways', async () => {
    const cli = concord(dataDir, env);
    await cli.ok(['account', 'add', 'folder', '--name', 'Backup', '--path', folder]);
    fake.state.createInWebUi({ names: [{ givenName: 'Ann', familyName: 'Lee' }], emailAddresses: [{ value: 'ann@example.org', type: 'home' }] });
    writeFileSync(join(folder, 'carol.vcf'), 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:carol\r\nFN:Carol Díaz\r\nN:Díaz;Carol;;;\r\nEMAIL:carol@example.org\r\nEND:VCARD\r\n');
    const s = await cli.json<SyncSummary>(['sync', '--json']);
    expect(s).toMatchObject({ errors: 0, paused: false, conflicts: 0 });
    expect(fake.state.listPeople().map((p) => JSON.stringify(p.names)).join()).toContain('Carol');
    expect(readdirSync(folder).map((f) => readFileSync(join(folder, f), 'utf8')).join()).toContain('ann@example.org');
    const status = await cli.json<StatusView>(['status', '--json']);
    expect(status.contacts).toBe(2);
    expect(status.accounts.map((a) => [a.name, a.kind, a.status])).toEqual([
      ['Google', 'google', 'idle'],
      ['Backup', 'folder', 'idle'],
    ]);
    expect(everythingButSecrets()).not.toContain(fake.clientSecret);
  });

  it('reports a revoked Google grant in one line, with a non-zero exit, and still syncs the folder', async () => {
    fake.state.oauth.revokeGrants();
    fake.state.oauth.expireAccessTokens();
    const cli = concord(dataDir, env);
    const r = await cli.run(['sync', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^concord: 1 problem in sync run \d+: see above or concord status\n$/);
    expect((JSON.parse(r.stdout) as SyncSummary).accounts.find((a) => a.name === 'Backup')?.errors).toEqual([]);
    const google = (await cli.json<StatusView>(['status', '--json'])).accounts.find((a) => a.name === 'Google');
    expect(google).toMatchObject({ status: 'auth-required', lastError: expect.stringMatching(/sign in again/i) });
  });

  it('signs in through the browser when no refresh token is given: prints the URL, waits, stores the grant', async () => {
    const child = startCli(
      ['--data-dir', join(temp, 'signin'), 'account', 'add', 'google', '--name', 'Work', '--client-id', fake.clientId, '--client-secret-env', 'G_CLIENT_SECRET'],
      { env },
    );
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^ {2}(http\S+)$/m.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('close', () => reject(new Error(`exited before printing the URL: ${err}`)));
    });
    expect(url.startsWith(fake.authUrl)).toBe(true);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    // The "browser": the consent page redirects to the CLI's loopback listener.
    await (await fetch(url)).text();
    expect(await exited).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/Waiting for you to finish in the browser/);
    expect(out).toMatch(/Added the google account “Work”/);
    const secrets = JSON.parse(readFileSync(join(temp, 'signin', 'secrets-headless.json'), 'utf8')) as Record<string, string>;
    const [grant] = Object.values(secrets).map((v) => JSON.parse(v) as { clientId: string; refreshToken: string });
    expect(grant).toMatchObject({ clientId: fake.clientId, refreshToken: expect.stringMatching(/^1\/\/0/) });
  });
});
