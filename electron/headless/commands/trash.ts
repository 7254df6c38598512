// `concord trash list [--json]` and `concord trash restore ID`: contacts deleted in Concord or in
// an account stay in the trash for 30 days; restoring one brings it back to every account at the
// next sync.
import type { Command } from '../cli-kit.ts';
import { EXIT, UsageError, parse, printJson, table } from '../cli-kit.ts';

const listUsage = 'concord trash list [--json]';
const restoreUsage = 'concord trash restore ID [--json]';

export const trashCommand: Command = async (args, cli) => {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const parsed = parse(rest, cli, { json: { type: 'boolean' } }, listUsage);
    if (!parsed) return EXIT.ok;
    const { client } = await cli.session();
    const items = await client.call('trash.list');
    if (parsed.values.json) printJson(cli.io, items);
    else if (items.length === 0) cli.io.stdout.write('The trash is empty.\n');
    else {
      const rows = [['NAME', 'DELETED', 'WHY', 'KEPT UNTIL', 'ID']];
      for (const t of items) rows.push([t.displayName || '(no name)', t.deletedAt, t.reason, t.purgeAfter, t.id]);
      cli.io.stdout.write(`${table(rows)}\nRestore with: ${restoreUsage}\n`);
    }
    return EXIT.ok;
  }
  if (sub === 'restore') {
    const parsed = parse(rest, cli, { json: { type: 'boolean' } }, restoreUsage, { min: 1, max: 1 });
    if (!parsed) return EXIT.ok;
    const id = parsed.positionals[0]!;
    const { client } = await cli.session();
    await client.call('trash.restore', { id });
    if (parsed.values.json) printJson(cli.io, { restored: true, id });
    else cli.io.stdout.write('Restored. The next sync (concord sync) brings the contact back to your accounts.\n');
    return EXIT.ok;
  }
  throw new UsageError(`${sub === undefined ? 'which action?' : `unknown action 'trash ${sub}'`} (usage: ${listUsage} | ${restoreUsage})`);
};
