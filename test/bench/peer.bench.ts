// Concord against vdirsyncer, the established open-source two-way CardDAV syncer, on real servers
// (issue 12, peer part). One generated book (peer/book.ts) is loaded into Radicale A; each tool
// syncs it into its own address book on a fresh Radicale or Xandikos B, phase by phase:
// the initial sync, two no-change syncs (the first one after the initial sync is where Concord
// reads back its own writes), and a sync after 1% of A's cards were edited and 0.5% deleted. Every
// server sits behind a counting proxy (peer/proxy.ts) and every sync is its own measured process
// (peer/run-child.ts): wall time, requests, bytes, peak RSS, CPU, and the servers' own time per
// request (the floor no client can beat). At the end the books are compared card by card
// (peer/compare.ts) with A and with each other.
// --quick: 200 cards, Radicale B only (well under a minute); full: 1,000 cards into Radicale and
// Xandikos, 10,000 into a Radicale B that already holds them (see BenchCase.prefillB) and into an
// empty Xandikos; 10 minutes per phase before a run counts as timed out.
// Invariant: both tools read the same A at the same moment of the scenario (phases interleave the
// tools; the change is applied to A once, between phases), and nothing the benchmark itself does
// to a server is counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardDavServerKind } from '../support/carddav-servers.ts';
import type { BenchSuite } from './harness.ts';
import { bookChanges, peerBook } from './peer/book.ts';
import { compareBooks } from './peer/compare.ts';
import { addTraffic, emptyTraffic, trafficDelta } from './peer/proxy.ts';
import type { PhaseResult } from './peer/report.ts';
import { ratioRow, resultRows, wideTable } from './peer/report.ts';
import type { BookServer } from './peer/servers.ts';
import { applyChanges, loadBook, readBook, startBookServer } from './peer/servers.ts';
import type { SyncTool } from './peer/tools.ts';
import { concordTool, vdirsyncerTool } from './peer/tools.ts';

interface BenchCase {
  n: number;
  targets: CardDavServerKind[];
  /**
   * Load B with A's cards before the initial sync (which then adopts matching books instead of
   * filling an empty one). For Radicale at 10,000 cards: its PUT checks the new UID against every
   * card in the collection (has_uid in radicale/app/put.py), so filling an empty book one PUT at a
   * time costs O(n²) on the server: ~35–90 ms per PUT at 1,000 cards already, hours at 10,000 for
   * any client, far past the time limit.
   */
  prefillB?: boolean;
}

// 200 cards keep the quick run near half a minute: Radicale needs ~40 ms per PUT, and the initial sync is one PUT per card.
const QUICK: BenchCase[] = [{ n: 200, targets: ['radicale'] }];
// Radicale at 10,000 starts from a B that holds the cards (see prefillB); Xandikos fills an empty
// book, the case where the issue expects vdirsyncer to run out of time.
const FULL: BenchCase[] = [
  { n: 1_000, targets: ['radicale', 'xandikos'] },
  { n: 10_000, targets: ['radicale'], prefillB: true },
  { n: 10_000, targets: ['xandikos'] },
];
/** CONCORD_BENCH_PEER_CASES=xandikos:10000,radicale:1000 runs only those full-mode cases. */
const ONLY = process.env.CONCORD_BENCH_PEER_CASES?.split(',').map((x) => x.trim());
const selected = (cases: BenchCase[]): BenchCase[] =>
  ONLY ? cases.map((c) => ({ ...c, targets: c.targets.filter((t) => ONLY.includes(`${t}:${c.n}`)) })).filter((c) => c.targets.length > 0) : cases;
const PHASES = ['initial', 'no-change 1', 'no-change 2', '1% edited + 0.5% deleted'] as const;
const phaseName = (phase: string, c: BenchCase) => (phase === 'initial' && c.prefillB ? 'initial (B pre-filled)' : phase);

interface Run {
  label: string;
  tool: SyncTool;
  b: BookServer;
  /** Set once a phase did not complete: later phases would measure a half-done sync. */
  stopped?: string;
}

export const peerSuite: BenchSuite = {
  name: 'peer',
  async run({ quick }, record) {
    const limitMs = quick ? 180_000 : 600_000;
    const results: PhaseResult[] = [];
    for (const c of quick ? QUICK : selected(FULL)) {
      const book = peerBook(c.n);
      const dir = mkdtempSync(join(tmpdir(), 'concord-bench-peer-'));
      const servers: BookServer[] = [];
      try {
        const a = await startBookServer('radicale');
        servers.push(a);
        await loadBook(a, book);
        const runs: Run[] = [];
        for (const target of c.targets) {
          const label = `${target} ${c.n.toLocaleString('en-US')}`;
          for (const make of [concordTool, vdirsyncerTool]) {
            const b = await startBookServer(target);
            servers.push(b);
            if (c.prefillB) await loadBook(b, book);
            const toolDir = join(dir, `${target}-${runs.length}`);
            runs.push({ label, tool: await make(toolDir, a, b), b });
          }
        }
        for (const phase of PHASES) {
          if (phase.startsWith('1%')) await applyChanges(a, bookChanges(book));
          for (const run of runs) {
            process.stderr.write(`bench: peer ${run.label} · ${phaseName(phase, c)} · ${run.tool.name} …\n`);
            const result: PhaseResult = { label: run.label, phase: phaseName(phase, c), tool: run.tool.name, status: 'skipped', wallMs: 0, cpuMs: 0, peakRssMiB: 0, traffic: emptyTraffic(), note: run.stopped ?? '' };
            if (!run.stopped) {
              const before = [a.proxy.snapshot(), run.b.proxy.snapshot()] as const;
              const { run: child, ok, note } = await run.tool.sync(limitMs);
              const traffic = addTraffic(trafficDelta(a.proxy.snapshot(), before[0]), trafficDelta(run.b.proxy.snapshot(), before[1]));
              Object.assign(result, { wallMs: child.wallMs, cpuMs: child.cpuMs, peakRssMiB: child.peakRssMiB, traffic, note, status: child.timedOut ? 'timed out' : ok ? 'ok' : 'failed' });
              if (result.status !== 'ok') run.stopped = `${phaseName(phase, c)} ${result.status}`;
            }
            results.push(result);
            const row = resultRows(result);
            record(row);
            // Also as it happens: a full run takes long, and a killed run still leaves its figures in the log.
            process.stderr.write(`bench: peer ${row.metric}: ${row.value} ${row.unit}; ${row.note ?? ''}\n`);
          }
          for (const label of new Set(runs.map((r) => r.label))) {
            const of = (tool: string) => results.find((r) => r.label === label && r.phase === phaseName(phase, c) && r.tool === tool);
            const mine = of('Concord');
            const peer = of('vdirsyncer');
            if (mine && peer) record(ratioRow(mine, peer));
          }
        }
        const expected = [...(await readBook(a)).values()];
        const books = new Map<string, string[]>();
        for (const run of runs) {
          const cards = [...(await readBook(run.b)).values()];
          books.set(`${run.label} ${run.tool.name}`, cards);
          const cmp = compareBooks(expected, cards);
          record({
            metric: `${run.label} · final book of ${run.tool.name} = A`,
            value: cmp.identical ? 1 : 0,
            unit: 'yes=1',
            note: `${cmp.actual}/${cmp.expected} cards; missing ${cmp.missing}, extra ${cmp.extra}, differing ${cmp.differing}; same content ignoring UIDs: ${cmp.sameContentIgnoringUid}${cmp.example ? `; e.g. ${cmp.example}` : ''}`,
          });
        }
        for (const target of c.targets) {
          const label = `${target} ${c.n.toLocaleString('en-US')}`;
          const cmp = compareBooks(books.get(`${label} vdirsyncer`) ?? [], books.get(`${label} Concord`) ?? []);
          record({ metric: `${label} · Concord's book = vdirsyncer's book`, value: cmp.identical ? 1 : 0, unit: 'yes=1', note: `missing ${cmp.missing}, extra ${cmp.extra}, differing ${cmp.differing}` });
        }
      } finally {
        for (const s of servers) await s.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    process.stderr.write(`\nPeer benchmark (Concord vs vdirsyncer${quick ? ', quick' : ''}):\n${wideTable(results)}\n\n`);
  },
};
