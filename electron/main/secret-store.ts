// The desktop SecretStore: passwords and refresh tokens encrypted with Electron's safeStorage (macOS
// Keychain, Windows DPAPI, libsecret/KWallet on Linux) and kept as base64 ciphertext in their own
// electron-store file (secrets.json). safeStorage and the store are passed in so tests use fakes.
// Invariants: nothing is ever written in plain text. When the OS cannot encrypt (no keychain,
// locked keyring) or would only obfuscate (Linux's 'basic_text' backend, a hard-coded key:
// https://www.electronjs.org/docs/latest/api/safe-storage), set() refuses with a clear error and
// writes nothing. A ciphertext that no longer decrypts (another machine, a reset keychain) is
// AUTH_REQUIRED for that account, never a crash and never a silent empty secret.
import { ConcordError } from '../../shared/api/errors.ts';
import type { SecretStore } from '../engine/ports.ts';

/** The asynchronous safeStorage API (the synchronous one is deprecated since Electron 39). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

export interface CiphertextStore {
  get(key: string): unknown;
  set(key: string, value: string): void;
  delete(key: string): void;
}

function keychainMissing(platform: NodeJS.Platform): ConcordError {
  const fix =
    platform === 'linux'
      ? ' Install and unlock a keyring (GNOME Keyring or KWallet), then try again.'
      : ' Unlock the system keychain, then try again.';
  return new ConcordError('UNAVAILABLE', `Concord cannot encrypt passwords on this computer, so it did not save it.${fix}`);
}

export function safeSecretStore(safeStorage: SafeStorageLike, store: CiphertextStore, platform: NodeJS.Platform): SecretStore {
  async function encrypt(value: string): Promise<string> {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    if (!available || (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')) throw keychainMissing(platform);
    return (await safeStorage.encryptStringAsync(value)).toString('base64');
  }
  return {
    async get(key) {
      const stored = store.get(key);
      if (typeof stored !== 'string') return null;
      let decrypted: { shouldReEncrypt: boolean; result: string };
      try {
        decrypted = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      } catch (error) {
        throw new ConcordError('AUTH_REQUIRED', 'The saved password for this account can no longer be read (the system keychain changed): enter it again.', { cause: error });
      }
      // The OS rotated the key: store it again under the new one (best effort: the value is valid either way).
      if (decrypted.shouldReEncrypt) store.set(key, await encrypt(decrypted.result).catch(() => stored));
      return decrypted.result;
    },
    async set(key, value) {
      store.set(key, await encrypt(value));
    },
    async delete(key) {
      store.delete(key);
    },
  };
}
