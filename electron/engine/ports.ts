// Host capabilities the engine needs but must not provide itself (DESIGN.md §1): the Electron app
// implements them with electron-store and safeStorage, the headless host with files, tests with
// memory. The engine never reaches for a global clock, file or keychain behind these.
import type { Settings } from '../../shared/model/settings.ts';

export interface SettingsStore {
  /** Raw stored settings (validated by the engine), or undefined when none were saved yet. */
  load(): unknown;
  save(settings: Settings): void;
}

/** Passwords, app-specific passwords and OAuth refresh tokens: never stored in the database. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. Tests pass a controllable clock; nothing patches Date. */
  now(): number;
}

export type LogDetails = Record<string, unknown>;

export interface Logger {
  debug(message: string, details?: LogDetails): void;
  info(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
  error(message: string, details?: LogDetails): void;
}

/**
 * Image work the engine cannot do in plain Node: the Electron host implements it with nativeImage
 * (electron/main/image-port.ts); the headless host has none, and then a photo over a provider's
 * limit is left out of that provider's copy instead (the hub keeps the original either way).
 */
export interface ImagePort {
  /** The image re-encoded (scaled down, JPEG) to at most maxBytes, or null when that cannot be done. */
  reduce(bytes: Uint8Array, mediaType: string | null, maxBytes: number): Promise<{ bytes: Uint8Array; mediaType: string } | null>;
}

export interface Ports {
  settings: SettingsStore;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Optional: only hosts that can re-encode images provide it. */
  images?: ImagePort;
  /**
   * Optional: opens a web address in the system browser (Electron: shell.openExternal, for Google's
   * consent page, RFC 8252 §4). Hosts without one (headless serve) leave it unset and the UI opens
   * the address itself. Rejects when the address was not opened.
   */
  openUrl?(url: string): Promise<void>;
}
