// The headless host's ports: settings in <dataDir>/config.json under "settings" (the file the
// desktop app's electron-store writes, so both hosts share settings), secrets in
// <dataDir>/secrets-headless.json readable by the user only (mode 0600; headless has no OS keychain: the
// desktop app encrypts its secrets with safeStorage instead), logs as lines on stderr.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, LogDetails, Ports, SecretStore, SettingsStore } from '../engine/ports.ts';

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path} does not hold a JSON object`);
  return value as Record<string, unknown>;
}

/** Write-then-rename: a crash mid-write leaves the old file, never half a file. */
function writeJsonAtomic(path: string, value: unknown, mode: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode });
  chmodSync(temp, mode);
  renameSync(temp, path);
}

export function fileSettings(dataDir: string): SettingsStore {
  const path = join(dataDir, 'config.json');
  return {
    load: () => readJson(path).settings,
    save(settings) {
      mkdirSync(dataDir, { recursive: true });
      writeJsonAtomic(path, { ...readJson(path), settings }, 0o644);
    },
  };
}

export function fileSecrets(dataDir: string): SecretStore {
  // Not secrets.json: that is the desktop app's file of safeStorage ciphertexts.
  const path = join(dataDir, 'secrets-headless.json');
  const all = (): Record<string, string> => readJson(path) as Record<string, string>;
  const save = (values: Record<string, string>) => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeJsonAtomic(path, values, 0o600);
  };
  return {
    get: async (key) => all()[key] ?? null,
    set: async (key, value) => save({ ...all(), [key]: value }),
    async delete(key) {
      const { [key]: _removed, ...rest } = all();
      save(rest);
    },
  };
}

const levels = ['debug', 'info', 'warn', 'error'] as const;

/** Lines on stderr at or above `minLevel` (CONCORD_LOG=debug|info|warn|error). */
export function stderrLogger(minLevel: (typeof levels)[number] = 'warn'): Logger {
  const min = levels.indexOf(minLevel);
  const at = (level: (typeof levels)[number]) => (message: string, details?: LogDetails) => {
    if (levels.indexOf(level) < min) return;
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function headlessPorts(dataDir: string, env: NodeJS.ProcessEnv = process.env): Ports {
  const wanted = env.CONCORD_LOG as (typeof levels)[number] | undefined;
  return {
    settings: fileSettings(dataDir),
    secrets: fileSecrets(dataDir),
    clock: { now: () => Date.now() },
    logger: stderrLogger(wanted && levels.includes(wanted) ? wanted : 'warn'),
  };
}
