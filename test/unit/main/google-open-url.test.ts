// The desktop host's openUrl wiring for Google sign-in, with `electron` and `electron-store` mocked
// at the module boundary (their binary cannot run here): electronPorts({ openExternal }) gives the
// engine an openUrl that hands Google's consent page to the system browser — so accounts.signInGoogle
// answers opened: true and the browser's redirect adds the account — and that refuses any address
// that is not https or loopback http (then opened: false and the OS is never asked).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../shared/api/client.ts';
import { inProcessTransport } from '../../../electron/engine/api/in-process.ts';
import { createEngine } from '../../../electron/engine/index.ts';
import type { Engine } from '../../../electron/engine/index.ts';
import { startGoogleFake } from '../../support/google-fake/index.ts';
import type { GoogleFake } from '../../support/google-fake/index.ts';

vi.mock('electron', () => ({
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptStringAsync: async (plain: string) => Buffer.from(`enc:${plain}`, 'utf8'),
    decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: false, result: b.toString('utf8').slice(4) }),
  },
  nativeImage: {},
}));
vi.mock('electron-store', () => ({
  default: class {
    private readonly values = new Map<string, unknown>();
    get = (k: string) => this.values.get(k);
    set = (k: string, v: unknown) => void this.values.set(k, v);
    delete = (k: string) => void this.values.delete(k);
  },
}));

const { electronPorts } = await import('../../../electron/main/ports.ts');

let fake: GoogleFake | undefined;
let engine: Engine | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  engine?.close();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  engine = fake = dataDir = undefined;
});

async function desktopEngine(authUrl: (f: GoogleFake) => string, openExternal: (url: string) => Promise<void>) {
  fake = await startGoogleFake({ seed: 2 });
  dataDir = mkdtempSync(join(tmpdir(), 'concord-main-signin-'));
  const env = { CONCORD_GOOGLE_TOKEN_URL: fake.tokenUrl, CONCORD_GOOGLE_AUTH_URL: authUrl(fake), CONCORD_GOOGLE_CLIENT_ID: fake.clientId, CONCORD_GOOGLE_CLIENT_SECRET: fake.clientSecret };
  engine = createEngine(electronPorts({ openExternal }), { dataDir, host: 'electron', version: '0.0.0-test', databasePath: ':memory:', google: { env } });
  return createClient(inProcessTransport(engine));
}

describe('desktop openUrl (electronPorts → shell.openExternal)', () => {
  it('opens the consent page in the system browser; its redirect adds the account', async () => {
    const opened: string[] = [];
    // The "system browser": loads the page, whose 302 lands on the engine's loopback listener.
    const client = await desktopEngine((f) => f.authUrl, async (url) => {
      opened.push(url);
      void fetch(url).then((r) => r.text());
    });
    const started = await client.call('accounts.signInGoogle', { name: 'Google' });
    expect(started.opened).toBe(true);
    expect(opened).toEqual([started.url]);
    await expect.poll(async () => (await client.call('accounts.list')).map((a) => a.kind)).toEqual(['google']);
  });

  it('never hands a non-loopback http address to the OS: opened is false and the UI opens the link', async () => {
    const opened: string[] = [];
    const client = await desktopEngine(() => 'http://accounts.example.org/o/oauth2/v2/auth', async (url) => void opened.push(url));
    const started = await client.call('accounts.signInGoogle', { name: 'Google' });
    expect(started.url).toMatch(/^http:\/\/accounts\.example\.org\//);
    expect(started.opened).toBe(false);
    expect(opened).toEqual([]);
    expect(await client.call('accounts.cancelSignIn', { signInId: started.signInId })).toEqual({ cancelled: true });
  });
});
