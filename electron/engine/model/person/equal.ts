// Equality on meaning for JSON-safe values: key order never matters, and for Google's list
// fields item order does not either ("items in a field have no guaranteed order",
// google-people-api.md §2.2). Invariant: two values are equal here exactly when their stable JSON
// is equal; comparing raw JSON instead is what causes update storms (§10 item 5).

/** JSON with object keys sorted, so equal data gives equal text whatever the key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** Same items the same number of times, in any order. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (items: readonly unknown[]): string[] => items.map(stableJson).sort();
  const x = sorted(a);
  const y = sorted(b);
  return x.every((item, i) => item === y[i]);
}
