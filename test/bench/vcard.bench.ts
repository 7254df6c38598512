// vCard codec throughput (issue 4): parse (+ read to canonical) and serialise N generated cards,
// in vCard 3.0 and 4.0, one card at a time as the sync engine uses the codec.
import { parseVCard, readVCard, serialize } from '../../electron/engine/model/vcard/index.ts';
import { generatedPeople } from './generate.ts';
import type { BenchSuite } from './harness.ts';
import { measure } from './harness.ts';

export const vcardSuite: BenchSuite = {
  name: 'vcard',
  async run({ quick }, record) {
    const n = quick ? 20_000 : 100_000;
    const people = generatedPeople(n, 11);
    for (const version of ['3.0', '4.0'] as const) {
      const written = await measure(() => people.map((p, i) => serialize(p, { version, uid: `bench-${i}` })));
      const cards = written.result;
      record({ metric: `serialise ${n.toLocaleString('en-US')} cards, ${version}`, value: Math.round(n / (written.ms / 1000)), unit: 'cards/s' });
      const parsed = await measure(() => cards.filter((c) => parseVCard(c).ok).length);
      record({ metric: `parse ${version}`, value: Math.round(n / (parsed.ms / 1000)), unit: 'cards/s', note: `${parsed.result} ok` });
      const read = await measure(() => cards.filter((c) => readVCard(c).ok).length);
      record({ metric: `parse + read to canonical ${version}`, value: Math.round(n / (read.ms / 1000)), unit: 'cards/s', note: `peak RSS ${Math.round(read.peakRssMiB)} MiB` });
    }
  },
};
