// The two syncers under comparison, each set up the way a user would and run as its own process so
// that wall time, peak RSS and CPU are per process (run-child.ts):
// - Concord: a fresh data folder; A added as a pull-only CardDAV account, B as an empty two-way one
//   (`concord account add carddav …`), then `concord sync --json --yes` per phase (--yes approves a
//   safety stop, should one fire; the report says so). The TypeScript CLI is started with this
//   Node directly, not through bin/concord.mjs, so the measured process is the syncer itself.
// - vdirsyncer (Debian's, /usr/bin/vdirsyncer): one pair A↔B, the storages' URLs naming the address
//   books (`collections = null`, so no discovery on sync), conflict_resolution "a wins", status in
//   the temp folder; `vdirsyncer discover` once, then `vdirsyncer sync` per phase.
// Set-up (accounts, discover) goes through the proxies too but is outside every measured phase.
// Invariant: both tools get the same two address-book URLs (through the counting proxies) and the
// same time limit per phase.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRun } from './run-child.ts';
import { runChild } from './run-child.ts';
import type { BookServer } from './servers.ts';

export type ToolName = 'Concord' | 'vdirsyncer';

export interface SyncTool {
  name: ToolName;
  /** One sync; `ok` false with a reason when it failed (not when it timed out: see run.timedOut). */
  sync(limitMs: number): Promise<{ run: ChildRun; ok: boolean; note: string }>;
}

const cli = fileURLToPath(new URL('../../../electron/headless/cli.ts', import.meta.url));
const SETUP_LIMIT_MS = 120_000;
const PASSWORD_VAR = 'CONCORD_BENCH_PASSWORD';

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
}

export async function concordTool(dir: string, a: BookServer, b: BookServer): Promise<SyncTool> {
  const dataDir = join(dir, 'concord');
  mkdirSync(dataDir, { recursive: true });
  const env = { ...process.env, CONCORD_DATA_DIR: dataDir, [PASSWORD_VAR]: 'bench' };
  const concord = (args: string[], limitMs: number) => runChild(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], { env, limitMs });
  const add = async (name: string, s: BookServer, direction: string) => {
    const r = await concord(['account', 'add', 'carddav', '--name', name, '--url', s.proxiedBookUrl, '--username', s.server.username, '--password-env', PASSWORD_VAR, '--direction', direction], SETUP_LIMIT_MS);
    if (r.code !== 0) throw new Error(`concord account add ${name}: exit ${String(r.code)}: ${lastLine(r.stderr)}`);
  };
  await add('A', a, 'pull');
  await add('B', b, 'two-way');
  return {
    name: 'Concord',
    async sync(limitMs) {
      const run = await concord(['sync', '--json', '--yes'], limitMs);
      if (run.timedOut) return { run, ok: false, note: '' };
      let note: string;
      try {
        const s = JSON.parse(run.stdout) as { created: number; updated: number; deleted: number; errors: number; conflicts: number; paused?: unknown };
        note = `+${s.created} ~${s.updated} -${s.deleted}${s.errors ? ` ${s.errors} errors` : ''}${s.conflicts ? ` ${s.conflicts} conflicts` : ''}`;
      } catch {
        note = lastLine(run.stderr) || 'no JSON summary';
      }
      return { run, ok: run.code === 0, note: run.code === 0 ? note : `exit ${String(run.code)}: ${note} ${lastLine(run.stderr)}`.trim() };
    },
  };
}

export const VDIRSYNCER = process.env.VDIRSYNCER_BIN ?? '/usr/bin/vdirsyncer';

function vdirsyncerConfig(dir: string, a: BookServer, b: BookServer): string {
  const storage = (name: string, s: BookServer) =>
    [`[storage ${name}]`, 'type = "carddav"', `url = "${s.proxiedBookUrl}"`, `username = "${s.server.username}"`, `password = "${s.server.password}"`, ''].join('\n');
  return [
    '[general]',
    `status_path = "${join(dir, 'status')}/"`,
    '',
    '[pair bench]',
    'a = "bench_a"',
    'b = "bench_b"',
    'collections = null',
    'conflict_resolution = "a wins"',
    '',
    storage('bench_a', a),
    storage('bench_b', b),
  ].join('\n');
}

export async function vdirsyncerTool(dir: string, a: BookServer, b: BookServer): Promise<SyncTool> {
  const home = join(dir, 'vdirsyncer');
  mkdirSync(home, { recursive: true });
  const config = join(home, 'config');
  writeFileSync(config, vdirsyncerConfig(home, a, b));
  // HOME and XDG_* point into the temp folder: nothing from the user's own vdirsyncer set-up leaks in.
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home };
  const run = (args: string[], limitMs: number) => runChild(VDIRSYNCER, ['--config', config, '--verbosity', 'WARNING', ...args], { env, limitMs });
  const discover = await run(['discover'], SETUP_LIMIT_MS);
  if (discover.code !== 0) throw new Error(`vdirsyncer discover: exit ${String(discover.code)}: ${lastLine(discover.stderr)}`);
  return {
    name: 'vdirsyncer',
    async sync(limitMs) {
      const r = await run(['sync'], limitMs);
      if (r.timedOut) return { run: r, ok: false, note: '' };
      return { run: r, ok: r.code === 0, note: r.code === 0 ? '' : `exit ${String(r.code)}: ${lastLine(r.stderr)}` };
    },
  };
}
