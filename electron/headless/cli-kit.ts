// What every `concord` command shares: argument parsing (node:util parseArgs, strict), the exit
// codes, output helpers (aligned tables for people, JSON for scripts), secrets read from the
// environment or stdin, and lookups by account name.
// Invariants: a secret never comes from argv (only --…-env VAR or stdin); every message is English
// (the CLI has no i18n); --json output is one JSON document on stdout and nothing else there.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { ConcordClient } from '../../shared/api/client.ts';
import { ConcordError } from '../../shared/api/errors.ts';
import type { Account } from '../../shared/model/account.ts';
import type { EngineSession } from './session.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, paused: 3 } as const;

/** Wrong usage: exit code 2, and the message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

/** What a command gets: its arguments, the data folder, the streams, and the engine (opened on first use). */
export interface Cli {
  dataDir: string;
  /** Where dataDir came from: a --data-dir flag, CONCORD_DATA_DIR, or the default folder. */
  dataDirFrom: 'flag' | 'env' | 'default';
  io: Io;
  session(): Promise<EngineSession>;
  /** Use another data folder (a command's own --data-dir); only before session() was called. */
  useDataDir(dir: string): void;
}

export type Command = (args: string[], cli: Cli) => Promise<number>;

type Options = NonNullable<ParseArgsConfig['options']>;
/** Parsed flag values: booleans for boolean flags, strings otherwise (no repeated flags in this CLI). */
export type Values<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/**
 * Strict parsing of a command's arguments. Every command also accepts --data-dir (as after the
 * command name) and --help (prints the usage; the result is then null). `positionals`: how many
 * positional arguments the command takes (none by default).
 */
export function parse<O extends Options>(
  args: string[],
  cli: Cli,
  options: O,
  usage: string,
  positionals: { min: number; max: number } = { min: 0, max: 0 },
): { values: Values<O>; positionals: string[] } | null {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')} (usage: ${usage})`);
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help === true) {
    cli.io.stdout.write(`Usage: ${usage}\n`);
    return null;
  }
  if (typeof values['data-dir'] === 'string') cli.useDataDir(values['data-dir']);
  if (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max) {
    const extra = parsed.positionals.length > positionals.max ? `unexpected '${parsed.positionals[positionals.max]}'` : 'missing arguments';
    throw new UsageError(`${extra} (usage: ${usage})`);
  }
  return { values: parsed.values as never, positionals: parsed.positionals };
}

export function required<T>(value: T | undefined, flag: string, usage: string): T {
  if (value === undefined) throw new UsageError(`${flag} is required (usage: ${usage})`);
  return value;
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to the widest cell (CJK characters count double, as terminals draw them). */
export function table(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)))).join('  ').trimEnd()).join('\n');
}

/** A secret from the environment variable named by a --…-env flag. */
export function secretFromEnv(io: Io, variable: string, flag: string): string {
  const value = io.env[variable];
  if (value === undefined || value === '') throw new UsageError(`${flag} ${variable}: the environment variable ${variable} is not set (or empty)`);
  return value;
}

async function readLine(io: Io): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Reads a typed secret from a terminal without echo. */
async function readHidden(io: Io, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  const stdin = io.stdin;
  stdin.setRawMode?.(true);
  try {
    let value = '';
    for await (const chunk of stdin) {
      for (const ch of typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return value;
        if (ch === '\u0003') throw new ConcordError('CANCELLED', 'Cancelled.');
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    }
    return value;
  } finally {
    stdin.setRawMode?.(false);
    io.stderr.write('\n');
  }
}

/**
 * A secret for `what`: from --…-env VAR when given, else from stdin (typed without echo on a
 * terminal, or the first line of what is piped in). Never from argv.
 */
export async function readSecret(io: Io, what: string, envVar: string | undefined, flag: string): Promise<string> {
  if (envVar !== undefined) return secretFromEnv(io, envVar, flag);
  // Only the line ending is dropped: spaces may be part of a password.
  const value = io.stdin.isTTY ? await readHidden(io, `${what}: `) : await readLine(io);
  if (value.trim() === '') throw new UsageError(`no ${what.toLowerCase()} given: use ${flag} VAR or pipe it on stdin`);
  return value;
}

/** The account with this name (names are unique regardless of case). */
export async function accountNamed(client: ConcordClient, name: string): Promise<Account> {
  const accounts = await client.call('accounts.list');
  const found = accounts.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    const known = accounts.map((a) => a.name).join(', ');
    throw new ConcordError('NOT_FOUND', `There is no account named “${name}”${known ? ` (accounts: ${known})` : ' (no accounts yet: concord account add …)'}.`);
  }
  return found;
}

export function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a positive whole number, not '${text}'`);
  return n;
}
