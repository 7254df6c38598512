// The benchmark harness behind `npm run bench`: runs suites, samples peak RSS per phase, prints a
// table and writes JSON. Suites report ratios against a baseline measured in the same run where
// they can, because this machine is shared and noisy: ratios hold, absolute times drift.
import { cpus, totalmem } from 'node:os';

export interface BenchContext {
  quick: boolean;
}

export interface BenchRow {
  suite: string;
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext, record: (row: Omit<BenchRow, 'suite'>) => void): Promise<void>;
}

/** Runs fn, returning its result, wall time in ms and the peak RSS (MiB) seen while it ran. */
export async function measure<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, ms, peakRssMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export function machine(): Record<string, unknown> {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30) };
}

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

export function table(rows: BenchRow[]): string {
  const cells = rows.map((r) => [r.suite, r.metric, format(r.value), r.unit, r.note ?? '']);
  const head = ['suite', 'metric', 'value', 'unit', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
