// The desktop host's ports: settings in electron-store (config.json in userData, shared with the
// headless host), secrets encrypted with safeStorage (OS keychain / DPAPI / libsecret) and kept as
// ciphertext in their own store, logs to the console.
import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { Logger, LogDetails, Ports } from '../engine/ports.ts';
import type { Settings } from '../../shared/model/settings.ts';

function consoleLogger(): Logger {
  const at = (fn: (...a: unknown[]) => void) => (message: string, details?: LogDetails) => fn(message, details ?? '');
  return { debug: at(console.debug), info: at(console.info), warn: at(console.warn), error: at(console.error) };
}

export function electronPorts(): Ports {
  const config = new Store<{ settings?: Settings }>({ name: 'config' });
  const secrets = new Store<Record<string, string>>({ name: 'secrets' });
  return {
    settings: { load: () => config.get('settings'), save: (s) => config.set('settings', s) },
    secrets: {
      async get(key) {
        const stored = secrets.get(key);
        return typeof stored === 'string' ? safeStorage.decryptString(Buffer.from(stored, 'base64')) : null;
      },
      async set(key, value) {
        if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available to encrypt secrets.');
        secrets.set(key, safeStorage.encryptString(value).toString('base64'));
      },
      async delete(key) {
        secrets.delete(key);
      },
    },
    clock: { now: () => Date.now() },
    logger: consoleLogger(),
  };
}
