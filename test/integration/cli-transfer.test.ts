// `concord import` and `concord export` end to end in plain Node: a Google CSV previewed with
// --dry-run (nothing written), imported as one run and undone, a CRM spreadsheet through a mapping
// file, and exports in every format the CLI offers, read back by the importer.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult, StatusView } from '../../shared/api/contract.ts';
import { concord, root } from './cli-harness.ts';

const temp = mkdtempSync(join(tmpdir(), 'concord-cli-transfer-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const cli = concord(join(temp, 'data'));
const fixture = (name: string) => join(root, 'test', 'fixtures', 'transfer', name);

describe('concord import / export', () => {
  it('previews a Google CSV without writing, imports it as one run, and undoes it', async () => {
    const preview = await cli.json<ImportPreview>(['import', fixture('google-contacts.csv'), '--dry-run', '--json']);
    expect(preview.counts.new).toBeGreaterThan(0);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(0);

    const result = await cli.json<ImportResult>(['import', fixture('google-contacts.csv'), '--json']);
    expect(result.imported).toBe(preview.counts.new);
    expect(result.run).toEqual(expect.any(Number));
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(result.imported + result.suggested);
    // Importing the same file again links every row to what is there: nothing new. (A row with only
    // a name is never linked on a name alone: it is held as a possible duplicate for the user.)
    const again = await cli.json<ImportResult>(['import', fixture('google-contacts.csv'), '--json']);
    expect(again.imported).toBe(0);
    expect(again.linked + again.suggested).toBe(result.imported + result.suggested);

    for (const run of [again.run, result.run]) if (run !== null) await cli.ok(['undo', String(run)]);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(0);
  });

  it('maps a spreadsheet’s own columns with --mapping, and exports vCard and CSV that import back', async () => {
    const crm = await cli.json<ImportResult>(['import', fixture('crm-export.csv'), '--mapping', fixture('crm-mapping.json'), '--json']);
    expect(crm.imported).toBeGreaterThan(0);
    expect(crm.errors).toEqual([]);

    const vcfDir = join(temp, 'cards');
    expect(await cli.ok(['export', '--format', 'vcf', '--vcard', '4.0', '--out', `${vcfDir}/`])).toMatch(/^Exported \d+ contact/);
    const inHub = (await cli.json<StatusView>(['status', '--json'])).contacts;
    expect(readdirSync(vcfDir).filter((f) => f.endsWith('.vcf')).length).toBe(inHub);
    const csv = join(temp, 'outlook.csv');
    await cli.ok(['export', '--format', 'csv', '--layout', 'outlook', '--out', csv]);
    expect(readFileSync(csv, 'utf8')).toMatch(/^\uFEFFTitle,First Name,/);
    // Concord's own export links back to the same contacts.
    const back = await cli.json<ImportResult>(['import', csv, '--json']);
    expect(back.imported).toBe(0);
  });

  it('answers bad usage and missing files with one line', async () => {
    expect(await cli.fails(['export', '--format', 'xls', '--out', join(temp, 'x')], 2)).toMatch(/--format must be vcf or csv/);
    expect(await cli.fails(['export', '--format', 'csv'], 2)).toMatch(/--out is required/);
    expect(await cli.fails(['import', join(temp, 'missing.csv')], 1)).toMatch(/missing\.csv/);
  });
});
