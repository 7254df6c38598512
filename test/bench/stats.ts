// Order statistics for benchmark samples: the median and the 95th percentile by the nearest-rank
// method (no interpolation: every reported figure is a sample that was actually measured).

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]): number => quantile(samples, 0.95);

/** "median 12 / p95 30 ms over 8" */
export function spread(samples: readonly number[], unit = 'ms'): string {
  return `median ${Math.round(median(samples))} / p95 ${Math.round(p95(samples))} ${unit} over ${samples.length}`;
}
