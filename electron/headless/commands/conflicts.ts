// `concord conflicts list [--json]` and `concord conflicts resolve ID --take ACCOUNT_NAME | --value JSON`:
// the fields changed differently in Concord and in an account, and deciding them. --take names
// the account whose value wins (the conflict's account, any other account holding the contact, or
// `hub` for the value Concord has now); --value gives one by hand, as JSON in the field's shape.
import type { ConflictView } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Command } from '../cli-kit.ts';
import { EXIT, UsageError, parse, positiveInt, printJson } from '../cli-kit.ts';
import { formatValue } from '../format.ts';

const listUsage = 'concord conflicts list [--json]';
const resolveUsage = 'concord conflicts resolve ID --take ACCOUNT_NAME|hub | --value JSON';

/** The JSON shape of a conflict: the contract's view plus the values per side under `values`. */
function asJson(c: ConflictView) {
  return { ...c, values: { hub: c.hubValue, account: c.accountValue } };
}

const list: Command = async (args, cli) => {
  const parsed = parse(args, cli, { json: { type: 'boolean' } }, listUsage);
  if (!parsed) return EXIT.ok;
  const { client } = await cli.session();
  const conflicts = await client.call('conflicts.list', {});
  if (parsed.values.json) {
    printJson(cli.io, conflicts.map(asJson));
    return EXIT.ok;
  }
  if (conflicts.length === 0) {
    cli.io.stdout.write('No conflicts.\n');
    return EXIT.ok;
  }
  const lines: string[] = [];
  for (const c of conflicts) {
    lines.push(`#${c.id}  ${c.contactName || c.contactId}: ${c.field}`);
    lines.push(`    in Concord:       ${formatValue(c.hubValue)}`);
    lines.push(`    in ${`${c.accountName}:`.padEnd(14)} ${formatValue(c.accountValue)}`);
  }
  lines.push('', `Decide with: ${resolveUsage}`);
  cli.io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
};

const resolve: Command = async (args, cli) => {
  const parsed = parse(args, cli, { take: { type: 'string' }, value: { type: 'string' }, json: { type: 'boolean' } }, resolveUsage, { min: 1, max: 1 });
  if (!parsed) return EXIT.ok;
  const { take, value } = parsed.values;
  if ((take === undefined) === (value === undefined)) throw new UsageError(`give either --take or --value (usage: ${resolveUsage})`);
  const id = positiveInt(parsed.positionals[0]!.replace(/^#/, ''), 'the conflict ID');
  const { client } = await cli.session();
  const conflict = (await client.call('conflicts.list', {})).find((c) => c.id === id);
  if (!conflict) throw new ConcordError('NOT_FOUND', `There is no open conflict ${id} (concord conflicts list).`);
  let chose: string;
  if (take !== undefined) {
    const accounts = await client.call('accounts.list');
    const account = accounts.find((a) => a.name.toLowerCase() === take.trim().toLowerCase());
    if (account?.id === conflict.accountId) await client.call('conflicts.resolve', { id, keep: 'account' });
    else if (account) await client.call('conflicts.choose', { id, accountId: account.id });
    else if (take.trim().toLowerCase() === 'hub') await client.call('conflicts.resolve', { id, keep: 'hub' });
    else throw new ConcordError('NOT_FOUND', `There is no account named “${take}” (accounts: ${accounts.map((a) => a.name).join(', ')}; or use --take hub).`);
    chose = account ? `the value in ${account.name}` : 'the value in Concord';
  } else {
    let picked: unknown;
    try {
      picked = JSON.parse(value!);
    } catch {
      throw new UsageError(`--value must be JSON, for example '"text"', '{"year":1990,"month":4,"day":15}' or null; got ${value}`);
    }
    await client.call('conflicts.choose', { id, value: picked as never });
    chose = `${formatValue(picked)}`;
  }
  if (parsed.values.json) printJson(cli.io, { resolved: true, id });
  else cli.io.stdout.write(`Resolved #${id} (${conflict.contactName}: ${conflict.field}) with ${chose}. The next sync writes it to every account.\n`);
  return EXIT.ok;
};

export const conflictsCommand: Command = async (args, cli) => {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, cli);
  if (sub === 'resolve') return resolve(rest, cli);
  throw new UsageError(`${sub === undefined ? 'which action?' : `unknown action 'conflicts ${sub}'`} (usage: ${listUsage} | ${resolveUsage})`);
};
