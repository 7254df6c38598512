// The headless host's ports: settings in <dataDir>/config.json under "settings" (the file the
// desktop app's electron-store writes, so both hosts share settings), secrets in
// <dataDir>/secrets-headless.json readable by the user only (mode 0600; headless has no OS keychain: the
// desktop app encrypts its secrets with safeStorage instead), logs as lines on stderr (serve) or in
// <dataDir>/concord.log (one-shot CLI commands, whose stderr is kept to one line on failure).
// Invariant: no secret is ever written anywhere but secrets-headless.json.
import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
export type LogLevel = (typeof levels)[number];

function lineLogger(minLevel: LogLevel, write: (line: string) => void): Logger {
  const min = levels.indexOf(minLevel);
  const at = (level: LogLevel) => (message: string, details?: LogDetails) => {
    if (levels.indexOf(level) < min) return;
    write(`${new Date().toISOString()} ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Lines on stderr at or above `minLevel` (CONCORD_LOG=debug|info|warn|error). */
export function stderrLogger(minLevel: LogLevel = 'warn'): Logger {
  return lineLogger(minLevel, (line) => process.stderr.write(line));
}

export const LOG_FILE = 'concord.log';

/** Lines appended to <dataDir>/concord.log (mode 0600), at or above `minLevel`. */
export function fileLogger(dataDir: string, minLevel: LogLevel = 'warn'): Logger {
  const path = join(dataDir, LOG_FILE);
  return lineLogger(minLevel, (line) => {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      appendFileSync(path, line, { mode: 0o600 });
    } catch {
      process.stderr.write(line);
    }
  });
}

/** The level CONCORD_LOG asks for, or null when it is unset or not a level. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel | null {
  const wanted = env.CONCORD_LOG as LogLevel | undefined;
  return wanted && levels.includes(wanted) ? wanted : null;
}

export interface HeadlessPortOptions {
  /** 'stderr' (default; `concord serve`) or 'file': <dataDir>/concord.log, unless CONCORD_LOG asks for stderr. */
  log?: 'stderr' | 'file';
  /** Sees every log entry before it is written (the CLI uses it to explain a busy database). */
  observe?: (level: LogLevel, message: string, details?: LogDetails) => void;
}

export function headlessPorts(dataDir: string, env: NodeJS.ProcessEnv = process.env, options: HeadlessPortOptions = {}): Ports {
  const wanted = logLevelFromEnv(env);
  const base = options.log === 'file' && wanted === null ? fileLogger(dataDir) : stderrLogger(wanted ?? 'warn');
  const observe = options.observe;
  const seen =
    (level: LogLevel) =>
    (message: string, details?: LogDetails): void => {
      observe?.(level, message, details);
      base[level](message, details);
    };
  const logger: Logger = { debug: seen('debug'), info: seen('info'), warn: seen('warn'), error: seen('error') };
  return {
    settings: fileSettings(dataDir),
    secrets: fileSecrets(dataDir),
    clock: { now: () => Date.now() },
    logger,
  };
}
