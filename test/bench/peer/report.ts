// Turning the peer benchmark's measurements into the harness's rows and into the wide table a
// reader compares tools with (phase, tool, wall, requests, bytes, peak RSS, server time, ratios).
// Invariant: a ratio is only computed between two runs that both completed; otherwise it says why not.
import type { BenchRow } from '../harness.ts';
import type { Traffic } from './proxy.ts';
import type { ToolName } from './tools.ts';

export interface PhaseResult {
  /** e.g. "radicale 1,000". */
  label: string;
  phase: string;
  tool: ToolName;
  status: 'ok' | 'failed' | 'timed out' | 'skipped';
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
  traffic: Traffic;
  note: string;
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const fmtRatio = (x: number) => (Number.isFinite(x) ? (x >= 10 ? x.toFixed(0) : x.toFixed(2)) : '–');

function kinds(t: Traffic): string {
  return Object.entries(t.kinds)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}

export function resultRows(r: PhaseResult): Omit<BenchRow, 'suite'> {
  const t = r.traffic;
  const base = `${r.label} · ${r.phase} · ${r.tool}`;
  if (r.status === 'skipped') return { metric: base, value: 0, unit: 's', note: `skipped${r.note ? `: ${r.note}` : ''}` };
  return {
    metric: base,
    value: Number(s(r.wallMs)),
    unit: 's',
    note:
      `${r.status === 'ok' ? '' : `${r.status.toUpperCase()} after `}${t.requests} requests (${kinds(t)}); up ${mb(t.bytesUp)} MB, down ${mb(t.bytesDown)} MB; ` +
      `peak RSS ${r.peakRssMiB.toFixed(0)} MiB; CPU ${s(r.cpuMs)} s; server ${s(t.serverMs)} s (writes ${s(t.writeMs)} s)` +
      `${t.overlapping ? `; ${t.overlapping} sent while another was in flight` : ''}${r.note ? `; ${r.note}` : ''}`,
  };
}

export function ratioRow(concord: PhaseResult, vdir: PhaseResult): Omit<BenchRow, 'suite'> {
  const metric = `${concord.label} · ${concord.phase} · Concord/vdirsyncer wall`;
  if (concord.status !== 'ok' || vdir.status !== 'ok') {
    return { metric, value: Number.NaN, unit: '×', note: `no ratio: Concord ${concord.status}, vdirsyncer ${vdir.status}` };
  }
  const bytes = (r: PhaseResult) => r.traffic.bytesUp + r.traffic.bytesDown;
  return {
    metric,
    value: ratio(concord.wallMs, vdir.wallMs),
    unit: '×',
    note:
      `requests ${fmtRatio(ratio(concord.traffic.requests, vdir.traffic.requests))}×, bytes ${fmtRatio(ratio(bytes(concord), bytes(vdir)))}×, ` +
      `peak RSS ${fmtRatio(ratio(concord.peakRssMiB, vdir.peakRssMiB))}×; vdirsyncer is ${fmtRatio(ratio(vdir.wallMs, concord.wallMs))}× Concord's wall time`,
  };
}

/** The wide comparison table, one line per run plus one ratio line per phase. */
export function wideTable(results: readonly PhaseResult[]): string {
  const head = ['book', 'phase', 'tool', 'status', 'wall s', 'requests', 'MB up/down', 'peak RSS MiB', 'CPU s', 'server s', 'writes s', 'wall/server', 'overlap', 'C/v wall', 'C/v req', 'C/v bytes'];
  const lines: string[][] = [];
  for (const r of results) {
    const t = r.traffic;
    const done = r.status !== 'skipped';
    const row = [r.label, r.phase, r.tool, r.status, done ? s(r.wallMs) : '', done ? String(t.requests) : '', done ? `${mb(t.bytesUp)}/${mb(t.bytesDown)}` : '', done ? r.peakRssMiB.toFixed(0) : '', done ? s(r.cpuMs) : '', done ? s(t.serverMs) : '', done ? s(t.writeMs) : '', done ? fmtRatio(ratio(r.wallMs, t.serverMs)) : '', done ? String(t.overlapping) : '', '', '', ''];
    if (r.tool === 'vdirsyncer') {
      const c = results.find((x) => x.label === r.label && x.phase === r.phase && x.tool === 'Concord');
      if (c && c.status === 'ok' && r.status === 'ok') {
        row[13] = fmtRatio(ratio(c.wallMs, r.wallMs));
        row[14] = fmtRatio(ratio(c.traffic.requests, t.requests));
        row[15] = fmtRatio(ratio(c.traffic.bytesUp + c.traffic.bytesDown, t.bytesUp + t.bytesDown));
      }
    }
    lines.push(row);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => l.map((x, i) => (i >= 4 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}
