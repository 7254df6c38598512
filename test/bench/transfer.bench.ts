// Import and export throughput (issue 11): a Google-layout CSV of N generated people (100,000;
// 10,000 with --quick) read (decode + parse + map), then imported into an empty hub as one run
// (linking, journal, FTS), then imported again (every row matches: the linking path); the hub then
// exported as Google CSV and as vCard 3.0. Peak RSS per phase. Names are made distinct (a real
// export has few namesakes); with the generator's 195 name pairs every row would be a suggestion.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/engine/db/open.ts';
import { googleLayout } from '../../electron/engine/transfer/csv-layouts.ts';
import { csvText } from '../../electron/engine/transfer/csv-write.ts';
import { applyImport, exportContacts, readImport } from '../../electron/engine/transfer/index.ts';
import { generatedPeople } from './generate.ts';
import type { BenchSuite } from './harness.ts';
import { measure } from './harness.ts';

/** The CSV as Google writes it; built in its own scope so the generated people can be collected. */
function googleCsv(n: number): Buffer {
  const people = generatedPeople(n, 5).map((f, i) => {
    f.name.family = `${f.name.family} ${i}`;
    return f;
  });
  const layout = googleLayout(people.map((fields, i) => ({ id: `p${i}`, fields })));
  return Buffer.from(csvText(layout.columns, layout.rows), 'utf8');
}

export const transferSuite: BenchSuite = {
  name: 'transfer',
  async run({ quick }, record) {
    const n = quick ? 10_000 : 100_000;
    const label = n.toLocaleString('en-US');
    const dir = mkdtempSync(join(tmpdir(), 'concord-bench-transfer-'));
    try {
      const file = join(dir, 'contacts.csv');
      writeFileSync(file, googleCsv(n));
      const bytes = readFileSync(file);
      record({ metric: `CSV file of ${label} rows`, value: Math.round(bytes.length / 2 ** 20), unit: 'MiB' });

      const input = { bytes, text: null, fileName: 'contacts.csv', format: 'auto' as const };
      const read = await measure(() => readImport(input).records.length);
      record({ metric: 'read (decode, parse, map)', value: Math.round(n / (read.ms / 1000)), unit: 'rows/s', note: `peak RSS ${Math.round(read.peakRssMiB)} MiB` });

      const db = openDatabase(join(dir, 'hub.sqlite3'));
      const first = await measure(() => applyImport(db, readImport(input), { now: 1 }));
      if (first.result.imported !== n) throw new Error(`imported ${first.result.imported} of ${n}`);
      record({ metric: `import ${label} rows into an empty hub`, value: Math.round(n / (first.ms / 1000)), unit: 'rows/s', note: `${(first.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(first.peakRssMiB)} MiB` });

      const again = await measure(() => applyImport(db, readImport(input), { now: 2 }));
      if (again.result.linked !== n) throw new Error(`linked ${again.result.linked} of ${n}`);
      record({ metric: 'import again (every row merges)', value: Math.round(n / (again.ms / 1000)), unit: 'rows/s', note: `peak RSS ${Math.round(again.peakRssMiB)} MiB` });

      const csv = await measure(() => exportContacts(db, { format: 'csv', layout: 'google', vcardVersion: '3.0', account: null, out: join(dir, 'out.csv') }).contacts);
      record({ metric: 'export Google CSV', value: Math.round(n / (csv.ms / 1000)), unit: 'rows/s', note: `peak RSS ${Math.round(csv.peakRssMiB)} MiB` });
      const vcf = await measure(() => exportContacts(db, { format: 'vcf', layout: 'google', vcardVersion: '3.0', account: null, out: join(dir, 'out.vcf') }).contacts);
      record({ metric: 'export vCard 3.0 (one file)', value: Math.round(n / (vcf.ms / 1000)), unit: 'cards/s', note: `peak RSS ${Math.round(vcf.peakRssMiB)} MiB` });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
