// A bounded memo for pure string functions. Address books repeat the same names, organisations and
// numbers thousands of times, and folding, romanising and phone parsing are the costly part of
// hashing, indexing and duplicate scans. The cache starts over when full instead of tracking
// recency: a sync or scan touches each value a few times in a row, so recency buys nothing.
// Invariant: only for functions whose result depends on the argument alone.
export function memo<T>(f: (s: string) => T, limit = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= limit) cache.clear();
      cache.set(s, (v = f(s)));
    }
    return v;
  };
}
