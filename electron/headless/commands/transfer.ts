// `concord import FILE …` and `concord export …` (the transfer issue's pinned interface): vCard and
// CSV files in and out. An import goes through the same linking as a sync, is previewed with
// --dry-run (nothing written), and otherwise is one run that `concord undo RUN_ID` takes back.
import { resolve, sep } from 'node:path';
import { loadMappingFile } from '../../engine/transfer/index.ts';
import type { Command } from '../cli-kit.ts';
import { EXIT, UsageError, parse, printJson, required } from '../cli-kit.ts';

const importUsage = 'concord import FILE [--format vcf|csv] [--into ACCOUNT_NAME] [--mapping FILE] [--dry-run] [--json]';
const exportUsage = 'concord export --format vcf|csv [--layout google|outlook] [--vcard 3.0|4.0] [--account NAME] --out FILE|DIR';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, usage: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be ${allowed.join(' or ')} (usage: ${usage})`);
  return value as T;
}

export const importCommand: Command = async (args, cli) => {
  const parsed = parse(
    args,
    cli,
    { format: { type: 'string' }, into: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    importUsage,
    { min: 1, max: 1 },
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format: 'vcf' | 'csv' | 'auto' = oneOf(values.format, ['vcf', 'csv'] as const, '--format', importUsage) ?? 'auto';
  const params = {
    path: resolve(parsed.positionals[0]!),
    format,
    ...(values.into !== undefined && { into: values.into }),
    ...(values.mapping !== undefined && { mapping: loadMappingFile(resolve(values.mapping)) }),
  };
  const { client } = await cli.session();
  if (values['dry-run']) {
    const preview = await client.call('transfer.previewImport', params);
    if (values.json) printJson(cli.io, preview);
    else {
      const c = preview.counts;
      cli.io.stdout.write(
        `Would import ${c.records} record(s): ${c.new} new, ${c.matched} matched to existing contacts, ${c.suggested} possible duplicate(s), ${c.skipped} skipped. Nothing was written.\n`,
      );
      for (const s of preview.skipped) cli.io.stdout.write(`  line ${s.line}: ${s.message}\n`);
    }
    return EXIT.ok;
  }
  const result = await client.call('transfer.applyImport', params);
  if (values.json) printJson(cli.io, result);
  else {
    cli.io.stdout.write(
      `Imported ${result.imported} new, linked ${result.linked}, ${result.suggested} held as possible duplicates, skipped ${result.skipped}.` +
        (result.run === null ? '\n' : ` Undo with: concord undo ${result.run}\n`),
    );
    for (const e of result.errors) cli.io.stdout.write(`  line ${e.line}: ${e.message}\n`);
  }
  return result.errors.length > 0 && result.run === null ? EXIT.failed : EXIT.ok;
};

export const exportCommand: Command = async (args, cli) => {
  const parsed = parse(
    args,
    cli,
    { format: { type: 'string' }, layout: { type: 'string' }, vcard: { type: 'string' }, account: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    exportUsage,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = oneOf(required(values.format, '--format', exportUsage), ['vcf', 'csv'] as const, '--format', exportUsage)!;
  const given = required(values.out, '--out', exportUsage);
  // resolve() drops a trailing separator, which is how a user says "a folder" (one card per file).
  const out = resolve(given) + (/[\\/]$/.test(given) ? sep : '');
  const { client } = await cli.session();
  const result = await client.call('transfer.export', {
    format,
    out,
    ...(values.layout !== undefined && { layout: oneOf(values.layout, ['google', 'outlook'] as const, '--layout', exportUsage)! }),
    ...(values.vcard !== undefined && { vcardVersion: oneOf(values.vcard, ['3.0', '4.0'] as const, '--vcard', exportUsage)! }),
    ...(values.account !== undefined && { account: values.account }),
  });
  if (values.json) printJson(cli.io, { ...result, text: undefined });
  else {
    cli.io.stdout.write(`Exported ${result.contacts} contact(s) to ${result.files.length === 1 ? result.files[0] : `${result.files.length} files in ${out}`}.\n`);
    for (const w of result.warnings) cli.io.stdout.write(`  note: ${w}\n`);
  }
  return EXIT.ok;
};
