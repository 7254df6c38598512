// The desktop secret store with a fake safeStorage (a reversible cipher that is visibly not the
// plain text) and a Map for electron-store: secrets round-trip as ciphertext only, and nothing is
// stored when the OS cannot really encrypt.
import { describe, expect, it } from 'vitest';
import { ConcordError } from '../../../shared/api/errors.ts';
import { safeSecretStore } from '../../../electron/main/secret-store.ts';
import type { SafeStorageLike } from '../../../electron/main/secret-store.ts';

function fakeSafeStorage(options: { available?: boolean; backend?: string; rotate?: boolean } = {}) {
  let key = 7;
  const xor = (b: Buffer, k: number) => Buffer.from(b.map((x) => x ^ k));
  const storage: SafeStorageLike & { rotateKey(): void } = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (plain) => Buffer.concat([Buffer.from([key]), xor(Buffer.from(plain, 'utf8'), key)]),
    async decryptStringAsync(encrypted) {
      const k = encrypted[0]!;
      if (k !== key && !options.rotate) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { shouldReEncrypt: k !== key, result: xor(encrypted.subarray(1), k).toString('utf8') };
    },
    rotateKey: () => void (key += 1),
  };
  return storage;
}

function mapStore() {
  const values = new Map<string, unknown>();
  return { values, get: (k: string) => values.get(k), set: (k: string, v: string) => void values.set(k, v), delete: (k: string) => void values.delete(k) };
}

describe('desktop secret store', () => {
  it('round-trips secrets, storing only ciphertext', async () => {
    const store = mapStore();
    const secrets = safeSecretStore(fakeSafeStorage(), store, 'linux');
    const password = 'abcd-efgh-ijkl-mnop 密码';
    await secrets.set('account/1', password);
    const stored = store.values.get('account/1') as string;
    expect(typeof stored).toBe('string');
    expect(stored).not.toContain('abcd');
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain('abcd');
    expect(await secrets.get('account/1')).toBe(password);
    expect(await secrets.get('account/2')).toBeNull();
    await secrets.delete('account/1');
    expect(await secrets.get('account/1')).toBeNull();
  });

  it('refuses, with a clear error and writing nothing, when encryption is unavailable', async () => {
    const store = mapStore();
    for (const [storage, platform] of [
      [fakeSafeStorage({ available: false }), 'darwin'],
      [fakeSafeStorage({ available: false }), 'linux'],
      // Linux without a keyring: 'basic_text' is a hard-coded key, plain text in disguise.
      [fakeSafeStorage({ backend: 'basic_text' }), 'linux'],
    ] as const) {
      const error = await safeSecretStore(storage, store, platform).set('account/1', 'hunter2').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcordError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('cannot encrypt passwords') });
      expect((error as Error).message).toContain(platform === 'linux' ? 'GNOME Keyring or KWallet' : 'keychain');
    }
    expect(store.values.size).toBe(0);
    // 'basic_text' only matters on Linux (the call is Linux-only in Electron).
    await safeSecretStore(fakeSafeStorage({ backend: 'basic_text' }), store, 'win32').set('account/1', 'x');
    expect(store.values.size).toBe(1);
  });

  it('a ciphertext that no longer decrypts asks for the password again', async () => {
    const store = mapStore();
    const storage = fakeSafeStorage();
    const secrets = safeSecretStore(storage, store, 'darwin');
    await secrets.set('account/1', 'hunter2');
    storage.rotateKey();
    await expect(secrets.get('account/1')).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringContaining('enter it again') });
    expect(store.values.has('account/1')).toBe(true);
  });

  it('re-encrypts under a rotated key when the OS asks to', async () => {
    const store = mapStore();
    const storage = fakeSafeStorage({ rotate: true });
    const secrets = safeSecretStore(storage, store, 'darwin');
    await secrets.set('account/1', 'hunter2');
    const before = store.values.get('account/1');
    storage.rotateKey();
    expect(await secrets.get('account/1')).toBe('hunter2');
    expect(store.values.get('account/1')).not.toBe(before);
    expect(await secrets.get('account/1')).toBe('hunter2');
  });
});
