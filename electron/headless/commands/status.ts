// `concord status [--json]`: the hub's counts (contacts without the trash, conflicts, possible
// duplicates) and each account's state. Read-only, so it works while another process syncs.
import type { Command } from '../cli-kit.ts';
import { EXIT, parse, printJson, table } from '../cli-kit.ts';

export const statusCommand: Command = async (args, cli) => {
  const parsed = parse(args, cli, { json: { type: 'boolean' } }, 'concord status [--json]');
  if (!parsed) return EXIT.ok;
  const { client } = await cli.session();
  const s = await client.call('status.get');
  if (parsed.values.json) {
    printJson(cli.io, s);
    return EXIT.ok;
  }
  const lines = [
    `Contacts: ${s.contacts}${s.trash > 0 ? ` (and ${s.trash} in the trash)` : ''}`,
    `Conflicts to decide: ${s.conflicts}${s.conflicts > 0 ? ' (concord conflicts list)' : ''}`,
    `Possible duplicates: ${s.suggestions}`,
    s.lastRun
      ? `Last run: ${s.lastRun.id} (${s.lastRun.trigger}, ${s.lastRun.status}) at ${s.lastRun.startedAt}`
      : 'Not synced yet (concord sync).',
  ];
  if (s.syncing) lines.push('A sync is running now.');
  if (s.accounts.length === 0) lines.push('No accounts yet: concord account add carddav|icloud|google|folder …');
  else {
    const rows = [['ACCOUNT', 'KIND', 'STATUS', 'ITEMS', 'CONFLICTS', 'LAST SYNC', '']];
    for (const a of s.accounts) {
      const note = a.pausedFor ?? a.lastError ?? '';
      rows.push([a.name, a.kind, a.enabled ? a.status : 'disabled', String(a.records), String(a.conflicts), a.lastSyncedAt ?? 'never', note]);
    }
    lines.push('', table(rows));
  }
  cli.io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
};
