// `concord contacts list [--search TEXT] [--json]` and `concord contacts show ID [--json]`: the
// hub's address book (trash excluded from the list), and one contact with every value and the
// accounts holding each (compared by meaning, so a reformatted phone still counts as held).
import type { ContactOverview } from '../../../shared/api/contract.ts';
import type { Command } from '../cli-kit.ts';
import { EXIT, UsageError, parse, printJson, table } from '../cli-kit.ts';
import { formatValue } from '../format.ts';

const listUsage = 'concord contacts list [--search TEXT] [--json]';
const showUsage = 'concord contacts show ID [--json]';

const list: Command = async (args, cli) => {
  const parsed = parse(args, cli, { search: { type: 'string' }, json: { type: 'boolean' } }, listUsage);
  if (!parsed) return EXIT.ok;
  const { client } = await cli.session();
  const items: ContactOverview[] = [];
  for (;;) {
    const page = await client.call('contacts.overview', { query: parsed.values.search ?? '', offset: items.length, limit: 500 });
    items.push(...page.items);
    // A search's total may be a lower bound (counting stops at a cap): page on until a short page.
    if (page.items.length === 0 || (!page.totalIsLowerBound && items.length >= page.total)) break;
  }
  if (parsed.values.json) {
    printJson(cli.io, items);
    return EXIT.ok;
  }
  if (items.length === 0) {
    cli.io.stdout.write(parsed.values.search ? `No contact matches “${parsed.values.search}”.\n` : 'No contacts yet (concord sync).\n');
    return EXIT.ok;
  }
  const rows = [['NAME', 'EMAIL', 'PHONE', 'ORGANIZATION', 'ACCOUNTS', 'ID']];
  for (const c of items) rows.push([c.displayName || '(no name)', c.emails[0] ?? '', c.phones[0] ?? '', c.organization ?? '', c.accounts.join(', '), c.id]);
  cli.io.stdout.write(`${table(rows)}\n${items.length} contact${items.length === 1 ? '' : 's'}\n`);
  return EXIT.ok;
};

const show: Command = async (args, cli) => {
  const parsed = parse(args, cli, { json: { type: 'boolean' } }, showUsage, { min: 1, max: 1 });
  if (!parsed) return EXIT.ok;
  const { client } = await cli.session();
  const c = await client.call('contacts.show', { id: parsed.positionals[0]! });
  if (parsed.values.json) {
    printJson(cli.io, c);
    return EXIT.ok;
  }
  const lines = [`${c.displayName || '(no name)'}${c.trashed ? ' — in the trash (concord trash restore ID)' : ''}`, `id ${c.id}, changed ${c.updatedAt}`, ''];
  const rows = [['FIELD', 'VALUE', 'HELD BY']];
  for (const v of c.values) rows.push([v.field, formatValue(v.value), `${v.inHub ? '' : '(not in Concord) '}${v.accounts.join(', ') || (v.inHub ? 'only Concord' : '')}`]);
  lines.push(table(rows), '');
  if (c.records.length === 0) lines.push('No account holds this contact yet.');
  for (const r of c.records) lines.push(`In ${r.accountName} (${r.kind}) as ${r.remoteId}, read ${r.fetchedAt}`);
  cli.io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
};

export const contactsCommand: Command = async (args, cli) => {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, cli);
  if (sub === 'show') return show(rest, cli);
  throw new UsageError(`${sub === undefined ? 'which action?' : `unknown action 'contacts ${sub}'`} (usage: ${listUsage} | ${showUsage})`);
};
