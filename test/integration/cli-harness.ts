// Runs the real `concord` CLI as users do: a separate plain-Node process (type stripping, no
// bundler) with a resolve hook that fails on any import of electron. Asynchronous on purpose: the
// Google fake and the servers these tests start live in the test process and must keep answering
// while the CLI runs.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(root, 'electron', 'headless', 'cli.ts');
export const nodeArgs = ['--disable-warning=ExperimentalWarning', '--import', join(root, 'test', 'support', 'forbid-electron.mjs')];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed. */
  input?: string;
}

/** The environment for a CLI run: the test's own, minus anything that would redirect it. */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('CONCORD_')) delete env[key];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function startCli(args: string[], options: RunOptions = {}): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, cliPath, ...args], { env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin!.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A CLI bound to one data folder. */
export function concord(dataDir: string, baseEnv: Record<string, string | undefined> = {}) {
  const run = (args: string[], options: RunOptions = {}) => runCli(['--data-dir', dataDir, ...args], { ...options, env: { ...baseEnv, ...options.env } });
  return {
    run,
    /** Runs a command that must succeed silently on stderr and print JSON. */
    async json<T = unknown>(args: string[], options: RunOptions = {}): Promise<T> {
      const r = await run(args, options);
      expect(r.stderr, `stderr of concord ${args.join(' ')}`).toBe('');
      expect(r.code, `exit code of concord ${args.join(' ')}`).toBe(0);
      return JSON.parse(r.stdout) as T;
    },
    /** Runs a command that must succeed; returns its stdout. */
    async ok(args: string[], options: RunOptions = {}): Promise<string> {
      const r = await run(args, options);
      expect(r.stderr, `stderr of concord ${args.join(' ')}`).toBe('');
      expect(r.code, `exit code of concord ${args.join(' ')}`).toBe(0);
      return r.stdout;
    },
    /** Runs a command that must fail with exactly one line on stderr; returns that line. */
    async fails(args: string[], code = 1, options: RunOptions = {}): Promise<string> {
      const r = await run(args, options);
      expect(r.code, `exit code of concord ${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stderr, 'one line on stderr').toMatch(/^concord: [^\n]+\n$/);
      return r.stderr.slice('concord: '.length, -1);
    },
  };
}

/** Starts a long-running command (serve, demo) and resolves with its URL once it prints it. */
export async function startServing(args: string[], options: RunOptions = {}): Promise<{ child: ChildProcess; url: string; stdout(): string; stderr(): string; stop(): Promise<number | null> }> {
  const child = startCli(args, options);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before serving: ${err}`)));
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
