// `concord sync [--account NAME] [--dry-run] [--json] [--yes]`: one run over every enabled account
// (or one), with a progress bar on a terminal (from the engine's 'sync.progress' events, drawn on
// stderr so stdout stays clean for --json). Exit 0 when the run completed, 3 when a safety stop
// holds an account (approve with --yes), 1 when items or accounts failed.
// Invariant: one sync per data folder at a time, across processes (lock.ts): a second `concord
// sync` waits (10 s, or --wait SECONDS), then says in one line who holds the folder.
import type { EventMap } from '../../../shared/api/events.ts';
import type { AccountReport, SyncSummary } from '../../../shared/model/sync.ts';
import type { Cli, Command, Io } from '../cli-kit.ts';
import { EXIT, UsageError, accountNamed, parse, printJson } from '../cli-kit.ts';
import { withSyncLock } from '../lock.ts';

const usage = 'concord sync [--account NAME] [--dry-run] [--json] [--yes] [--wait SECONDS]';

/** How long a CLI sync waits for another process's sync to finish before giving up. */
export const SYNC_LOCK_WAIT_MS = 10_000;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A one-line progress bar on a terminal, redrawn in place. */
function progressBar(io: Io, names: Map<string, string>): { update(p: EventMap['sync.progress']): void; clear(): void } {
  let drawn = false;
  return {
    update(p) {
      if (p.phase === 'done' || p.accountId === null) return;
      const width = 24;
      const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const filled = Math.round(ratio * width);
      const label = `${names.get(p.accountId) ?? 'account'} · ${p.phase}`;
      const line = `${label.padEnd(28).slice(0, 28)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}`;
      io.stderr.write(`\r\x1b[K${line.slice(0, Math.max(20, (io.stderr.columns ?? 80) - 1))}`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}

function accountLine(r: AccountReport, dryRun: boolean): string {
  const would = dryRun ? 'would ' : '';
  const parts: string[] = [];
  const hub = [r.hubCreated && `${r.hubCreated} new`, r.hubUpdated && `${r.hubUpdated} changed`, r.hubTrashed && `${r.hubTrashed} trashed`, r.restored && `${r.restored} restored`].filter(Boolean);
  const remote = [r.remoteCreated && `${r.remoteCreated} new`, r.remoteUpdated && `${r.remoteUpdated} changed`, r.remoteDeleted && `${r.remoteDeleted} deleted`].filter(Boolean);
  if (hub.length > 0) parts.push(`in Concord ${hub.join(', ')}`);
  if (remote.length > 0) parts.push(`in ${r.name} ${remote.join(', ')}`);
  if (r.linked > 0) parts.push(`${r.linked} linked`);
  if (r.suggested > 0) parts.push(plural(r.suggested, 'possible duplicate'));
  if (r.conflicts > 0) parts.push(plural(r.conflicts, 'conflict'));
  const what = parts.length > 0 ? `${would}${parts.join('; ')}` : dryRun ? 'nothing to do' : 'up to date';
  return `  ${r.name}: ${what}${r.paused ? ` — PAUSED: ${r.paused}` : ''}`;
}

export function describeSummary(s: SyncSummary): string {
  const head = s.dryRun
    ? `Dry run, nothing was written. The sync would make ${plural(s.created, 'creation')}, ${plural(s.updated, 'update')}, ${plural(s.deleted, 'deletion')}, ${plural(s.conflicts, 'conflict')}.`
    : `Sync run ${s.run}: ${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${plural(s.conflicts, 'conflict')}, ${plural(s.errors, 'error')}.`;
  const lines = [head];
  if (s.accounts.length === 0) lines.push('  No accounts to sync: add one with concord account add carddav|icloud|google|folder … (concord help).');
  for (const r of s.accounts) {
    lines.push(accountLine(r, s.dryRun));
    for (const note of r.notes) lines.push(`    note: ${note}`);
    for (const e of r.errors) lines.push(`    error${e.contactId ? ` (contact ${e.contactId})` : ''}: ${e.message}`);
  }
  if (s.conflicts > 0 && !s.dryRun) lines.push('See them with concord conflicts list.');
  return lines.join('\n');
}

/** The exit status and the one stderr line for a finished run (null line: success). */
export function outcome(s: SyncSummary): { code: number; line: string | null } {
  if (s.paused) {
    const held = s.accounts.filter((r) => r.paused).map((r) => `${r.name} (${r.paused})`);
    return { code: EXIT.paused, line: `a safety stop paused ${held.join(', ')}; check, then run concord sync --yes to go ahead` };
  }
  if (s.errors > 0) return { code: EXIT.failed, line: `${plural(s.errors, 'problem')} in sync run ${s.run}: see above or concord status` };
  return { code: EXIT.ok, line: null };
}

export async function runSync(
  cli: Cli,
  params: { accountIds?: string[]; dryRun: boolean; approve: boolean },
  json: boolean,
  waitMs: number = SYNC_LOCK_WAIT_MS,
): Promise<number> {
  const { client } = await cli.session();
  const names = new Map((await client.call('accounts.list')).map((a) => [a.id, a.name]));
  const bar = cli.io.stderr.isTTY ? progressBar(cli.io, names) : null;
  const stop = bar ? client.onEvent('sync.progress', (p) => bar.update(p)) : () => undefined;
  let summary: SyncSummary;
  try {
    summary = await withSyncLock(cli.dataDir, params.dryRun ? 'concord sync --dry-run' : 'concord sync', waitMs, () => client.call('sync.run', params));
  } finally {
    stop();
    bar?.clear();
  }
  if (json) printJson(cli.io, summary);
  else cli.io.stdout.write(`${describeSummary(summary)}\n`);
  const { code, line } = outcome(summary);
  if (line) cli.io.stderr.write(`concord: ${line}\n`);
  return code;
}

export const syncCommand: Command = async (args, cli) => {
  const options = { account: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, wait: { type: 'string' } } as const;
  const parsed = parse(args, cli, options, usage);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const wait = v.wait === undefined ? SYNC_LOCK_WAIT_MS : Number(v.wait) * 1000;
  if (!Number.isFinite(wait) || wait < 0) throw new UsageError(`--wait must be a number of seconds, not '${v.wait}'`);
  const { client } = await cli.session();
  const accountIds = v.account === undefined ? undefined : [(await accountNamed(client, v.account)).id];
  return runSync(cli, { ...(accountIds && { accountIds }), dryRun: v['dry-run'] ?? false, approve: v.yes ?? false }, v.json ?? false, wait);
};
