// In-memory implementations of the ports, for tests and the sample-data demo. The clock is
// settable so time-dependent rules are tested without patching Date.
import type { Clock, Logger, LogDetails, Ports, SecretStore, SettingsStore } from './ports.ts';
import type { Settings } from '../../shared/model/settings.ts';

export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  details?: LogDetails;
}

export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, details?: LogDetails) =>
    void lines.push(details === undefined ? { level, message } : { level, message, details });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function memorySettings(initial?: unknown): SettingsStore & { saved: Settings | undefined } {
  const store = {
    saved: undefined as Settings | undefined,
    load: () => store.saved ?? initial,
    save: (s: Settings) => void (store.saved = s),
  };
  return store;
}

export function memorySecrets(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (k) => values.get(k) ?? null,
    set: async (k, v) => void values.set(k, v),
    delete: async (k) => void values.delete(k),
  };
}

export function memoryPorts(overrides: Partial<Ports> = {}): Ports {
  return { settings: memorySettings(), secrets: memorySecrets(), clock: manualClock(), logger: memoryLogger(), ...overrides };
}
