// `concord duplicates list [--json] [--scan]`, `concord duplicates merge ID`, `concord duplicates
// merge --tier high`, `concord duplicates dismiss ID`: possible duplicates across all accounts, each
// a cluster with a score and the reasons a person can check; nothing is merged without the user
// (bulk accept of the high tier is one run, one undo), and "not the same person" is remembered.
import type { Command } from '../cli-kit.ts';
import { EXIT, UsageError, parse, printJson, table } from '../cli-kit.ts';

const listUsage = 'concord duplicates list [--scan] [--json]';
const mergeUsage = 'concord duplicates merge ID|--tier high [--json]';
const dismissUsage = 'concord duplicates dismiss ID [--json]';

export const duplicatesCommand: Command = async (args, cli) => {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const parsed = parse(rest, cli, { json: { type: 'boolean' }, scan: { type: 'boolean' } }, listUsage);
    if (!parsed) return EXIT.ok;
    const { client } = await cli.session();
    if (parsed.values.scan) await client.call('duplicates.scan');
    const page = await client.call('duplicates.list', { limit: 500 });
    if (parsed.values.json) {
      printJson(
        cli.io,
        page.items.map((c) => ({ id: c.id, contactIds: c.contactIds, names: c.contacts.map((x) => x.displayName), score: c.score, tier: c.tier, reasons: c.reasons, evidence: c.evidence })),
      );
    } else if (page.items.length === 0) {
      cli.io.stdout.write(`No possible duplicates${parsed.values.scan ? '' : ' (run with --scan to look through the whole address book)'}.\n`);
    } else {
      const rows = [['ID', 'TIER', 'SCORE', 'CONTACTS', 'WHY']];
      for (const c of page.items) rows.push([c.id, c.tier, c.score.toFixed(2), c.contacts.map((x) => x.displayName).join(' | '), c.reasons.join('; ')]);
      cli.io.stdout.write(`${table(rows)}\nMerge with: ${mergeUsage}   Not the same person: ${dismissUsage}\n`);
    }
    return EXIT.ok;
  }
  if (sub === 'merge' && rest.some((a) => a === '--tier' || a.startsWith('--tier='))) {
    const parsed = parse(rest, cli, { json: { type: 'boolean' }, tier: { type: 'string' } }, mergeUsage);
    if (!parsed) return EXIT.ok;
    // Only the high tier can be accepted in bulk: a medium pair needs a person to look at it.
    if (parsed.values.tier !== 'high') throw new UsageError(`--tier takes 'high' only: medium suggestions are merged one by one (usage: ${mergeUsage})`);
    const { client } = await cli.session();
    const result = await client.call('duplicates.mergeTier', { tier: 'high' });
    if (parsed.values.json) printJson(cli.io, result);
    else if (result.run === null) cli.io.stdout.write('No high-confidence duplicates to merge.\n');
    else cli.io.stdout.write(`Merged ${result.merged} high-confidence duplicate group${result.merged === 1 ? '' : 's'} in one run. The next sync updates your accounts; undo all with: concord undo ${result.run}\n`);
    return EXIT.ok;
  }
  if (sub === 'merge' || sub === 'dismiss') {
    const parsed = parse(rest, cli, { json: { type: 'boolean' } }, sub === 'merge' ? mergeUsage : dismissUsage, { min: 1, max: 1 });
    if (!parsed) return EXIT.ok;
    const id = parsed.positionals[0]!;
    const { client } = await cli.session();
    if (sub === 'merge') {
      const merged = await client.call('duplicates.merge', { id });
      if (parsed.values.json) printJson(cli.io, merged);
      else cli.io.stdout.write(`Merged ${merged.merged.length + 1} contacts into one. The next sync updates your accounts; undo with: concord undo ${merged.run}\n`);
    } else {
      const dismissed = await client.call('duplicates.dismiss', { id });
      if (parsed.values.json) printJson(cli.io, dismissed);
      else cli.io.stdout.write('Noted: these contacts will not be suggested as duplicates again.\n');
    }
    return EXIT.ok;
  }
  throw new UsageError(`${sub === undefined ? 'which action?' : `unknown action 'duplicates ${sub}'`} (usage: ${listUsage} | ${mergeUsage} | ${dismissUsage})`);
};
