// Duplicate finder at scale (issue 10's targets): a hub of N contacts (100,000; 10,000 with
// --quick) of which 10% are extra copies of someone else, from test/support/duplicates-generator.ts
// with its ground truth. Measured: the full scan through the API (duplicates.scan: read the hub,
// block in memory, score, store the suggestions) cold and once more warm, RSS, pairs scored
// against all pairs, precision and recall per tier against the ground truth (per pair as scored,
// and per cluster as the user sees them), the misses by how the copies' names were written, and an
// incremental refresh after 1% of contacts changed.
// Targets: scan ≤ 3 s at 100,000 on the 2-core machine; high-tier precision ≥ 0.99; medium+high
// recall ≥ 0.95.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../shared/api/client.ts';
import { inProcessTransport } from '../../electron/engine/api/in-process.ts';
import { inTransaction } from '../../electron/engine/db/handle.ts';
import { createContact, changeContact } from '../../electron/engine/hub/contacts.ts';
import { createEngine } from '../../electron/engine/index.ts';
import { duplicateClusters, findDuplicates, refreshDuplicates } from '../../electron/engine/match/finder.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { evaluatePairs, generateDuplicateBook } from '../support/duplicates-generator.ts';
import type { BenchSuite } from './harness.ts';
import { measure } from './harness.ts';

const idOf = (i: number) => `c${String(i).padStart(7, '0')}`;
/** Ratios as percentages with two decimals: 0.9503 must not print as "0.95". */
const pct = (ratio: number) => Math.round(ratio * 10_000) / 100;
const indexOf = (id: string) => Number(id.slice(1));

export const duplicatesSuite: BenchSuite = {
  name: 'duplicates',
  async run({ quick }, record) {
    const n = quick ? 10_000 : 100_000;
    const label = n.toLocaleString('en-US');
    const book = generateDuplicateBook(n, { seed: 7 });
    const dir = mkdtempSync(join(tmpdir(), 'concord-bench-dup-'));
    const engine = createEngine(memoryPorts({ clock: { now: () => Date.now() } }), { dataDir: dir, host: 'test', version: 'bench' });
    try {
      const db = engine.context.db;
      const client = createClient(inProcessTransport(engine));
      const insert = await measure(() => inTransaction(db, () => book.contacts.forEach((f, i) => createContact({ db, now: 1, runId: null }, f, idOf(i)))));
      record({ metric: `hub of ${label} contacts, ${book.duplicates.toLocaleString('en-US')} of them extra copies`, value: book.truePairs, unit: 'true pairs', note: `inserted in ${Math.round(insert.ms)} ms` });

      const cold = await measure(() => client.call('duplicates.scan', {}));
      record({ metric: `full scan of ${label} (duplicates.scan: read, block, score, store)`, value: cold.ms, unit: 'ms', note: `RSS after ${Math.round(cold.peakRssMiB)} MiB` });
      const warm = await measure(() => client.call('duplicates.scan', {}));
      record({ metric: 'full scan again (normalisation caches warm)', value: warm.ms, unit: 'ms' });
      record({ metric: 'process peak RSS (incl. generating and inserting the book)', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MiB' });
      const all = (n * (n - 1)) / 2;
      record({ metric: 'pairs scored', value: cold.result.compared, unit: 'pairs', note: `${((cold.result.compared / all) * 100).toFixed(4)}% of all ${all.toLocaleString('en-US')} pairs` });

      // Quality: the pairs as scored, then the clusters as listed (a cluster implies all its pairs).
      const found = findDuplicates(db);
      const byKind = Object.entries(found.byKind)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      record({ metric: 'pairs scored by the key kind that found them', value: found.compared, unit: 'pairs', note: byKind });
      const pairs = found.pairs.map((p) => ({ a: indexOf(p.a), b: indexOf(p.b), tier: p.tier }));
      const q = evaluatePairs(book, pairs);
      record({ metric: 'high tier precision (pairs)', value: pct(q.high.precision), unit: '%', note: `${q.high.correct} of ${q.high.reported}; target ≥ 0.99` });
      record({ metric: 'medium tier precision (pairs)', value: pct(q.medium.precision), unit: '%', note: `${q.medium.correct} of ${q.medium.reported}` });
      record({ metric: 'high recall (pairs)', value: pct(q.high.recall), unit: '%' });
      record({ metric: 'medium + high recall (pairs)', value: pct(q.mediumOrHigh.recall), unit: '%', note: `${q.mediumOrHigh.correct} of ${book.truePairs}; target ≥ 0.95` });
      // Misses by how the copies' names were written (the generator records each copy's perturbations).
      const reported = new Set(pairs.filter((p) => p.tier !== 'low').map((p) => (p.a < p.b ? `${p.a},${p.b}` : `${p.b},${p.a}`)));
      const missedBy = new Map<string, number>();
      const cardsOf = new Map<number, number[]>();
      book.personOf.forEach((person, i) => cardsOf.set(person, [...(cardsOf.get(person) ?? []), i]));
      for (const members of cardsOf.values()) {
        for (let x = 0; x < members.length; x++) {
          for (let y = x + 1; y < members.length; y++) {
            const [a, b] = [Math.min(members[x]!, members[y]!), Math.max(members[x]!, members[y]!)];
            if (reported.has(`${a},${b}`)) continue;
            const how = [...new Set([...book.perturbations[a]!, ...book.perturbations[b]!].filter((d) => d.startsWith('name:')))].sort().join('+');
            missedBy.set(how, (missedBy.get(how) ?? 0) + 1);
          }
        }
      }
      const missed = [...missedBy.values()].reduce((s, v) => s + v, 0);
      const top = [...missedBy].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k, v]) => `${k.replace(/name:/g, '')} ${v}`).join(', ');
      record({ metric: 'true pairs missed, by how the names were written', value: missed, unit: 'pairs', note: top });
      const clusters = duplicateClusters(db);
      const implied: { a: number; b: number; tier: string }[] = [];
      for (const c of clusters) {
        const ids = c.contactIds.map(indexOf);
        for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) implied.push({ a: ids[i]!, b: ids[j]!, tier: c.tier });
      }
      const qc = evaluatePairs(book, implied);
      record({ metric: 'clusters listed', value: clusters.length, unit: 'clusters', note: `${clusters.filter((c) => c.tier === 'high').length} high` });
      record({ metric: 'high tier precision (clusters)', value: pct(qc.high.precision), unit: '%', note: `${qc.high.correct} of ${qc.high.reported} implied pairs` });
      record({ metric: 'medium + high recall (clusters)', value: pct(qc.mediumOrHigh.recall), unit: '%', note: `true pairs inside one suggested cluster` });

      const page = await measure(() => client.call('duplicates.list', { limit: 50 }));
      record({ metric: 'duplicates.list, first 50 clusters', value: page.ms, unit: 'ms', note: `${page.result.total} clusters grouped from the stored pairs` });

      // Incremental freshness: 1% of contacts edited, then only those re-scored.
      const changed: string[] = [];
      inTransaction(db, () => {
        for (let i = 0; i < n; i += 100) {
          const f = structuredClone(book.contacts[i]!);
          f.note = `${f.note} edited`.trim();
          changeContact({ db, now: 2, runId: null }, idOf(i), f);
          changed.push(idOf(i));
        }
      });
      const refresh = await measure(() => refreshDuplicates(db, changed, 3));
      record({ metric: `incremental refresh of ${changed.length.toLocaleString('en-US')} changed contacts`, value: refresh.ms, unit: 'ms', note: `${refresh.result.compared} pairs scored` });
    } finally {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
