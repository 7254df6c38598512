// The desktop host's ports: settings in electron-store (config.json in userData, shared with the
// headless host), secrets encrypted with safeStorage (OS keychain / DPAPI / libsecret) and kept as
// ciphertext in their own store (secret-store.ts), logs to the console, web addresses (Google's
// consent page) opened in the system browser.
import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { Logger, LogDetails, Ports } from '../engine/ports.ts';
import { safeSecretStore } from './secret-store.ts';
import type { Settings } from '../../shared/model/settings.ts';
import { nativeImagePort } from './image-port.ts';
import { systemBrowser } from './google-sign-in.ts';

function consoleLogger(): Logger {
  const at = (fn: (...a: unknown[]) => void) => (message: string, details?: LogDetails) => fn(message, details ?? '');
  return { debug: at(console.debug), info: at(console.info), warn: at(console.warn), error: at(console.error) };
}

export interface ElectronPortsOptions {
  /** shell.openExternal: Google's consent page goes to the system browser (google-sign-in.ts). */
  openExternal(url: string): Promise<void>;
}

export function electronPorts(options: ElectronPortsOptions): Ports {
  const config = new Store<{ settings?: Settings }>({ name: 'config' });
  // Keys are opaque ('account/<id>'): never read a dot in one as a nested path.
  const secrets = new Store<Record<string, string>>({ name: 'secrets', accessPropertiesByDotNotation: false });
  return {
    settings: { load: () => config.get('settings'), save: (s) => config.set('settings', s) },
    secrets: safeSecretStore(safeStorage, secrets, process.platform),
    clock: { now: () => Date.now() },
    logger: consoleLogger(),
    images: nativeImagePort(),
    openUrl: systemBrowser(options.openExternal),
  };
}
