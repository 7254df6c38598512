// `npm run bench [-- --quick] [-- --json FILE] [-- --only SUITE[,SUITE…]]`: every benchmark suite in one
// run, a table on stdout and, with --json, the figures with the machine they were taken on.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchRow, BenchSuite } from './harness.ts';
import { machine, table } from './harness.ts';
import { storeSuite } from './store.bench.ts';
import { syncSuite } from './sync.bench.ts';
import { vcardSuite } from './vcard.bench.ts';
import { transferSuite } from './transfer.bench.ts';
import { duplicatesSuite } from './duplicates.bench.ts';
import { googleSuite } from './google.bench.ts';
import { uiSuite } from './ui.bench.ts';
import { peerSuite } from './peer.bench.ts';
import { carddavSuite } from './carddav.bench.ts';

const suites: BenchSuite[] = [vcardSuite, storeSuite, syncSuite, transferSuite, duplicatesSuite, googleSuite, uiSuite, peerSuite, carddavSuite];

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, only: { type: 'string' } } });
// `npm run bench --quick` (without the `--`) hands the flag to npm, which passes it on as npm_config_quick.
const quick = values.quick || process.env.npm_config_quick === 'true';
const chosen = values['only']?.split(',');
const rows: BenchRow[] = [];
for (const suite of suites) {
  if (chosen && !chosen.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name} …\n`);
  await suite.run({ quick }, (row) => rows.push({ suite: suite.name, ...row }));
}
process.stdout.write(`${table(rows)}\n`);
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ date: new Date().toISOString(), quick, machine: machine(), rows }, null, 2)}\n`);
}
