// Canonical JSON: object keys sorted, undefined members dropped, so equal values serialise to
// equal strings whatever order their keys were built in. The basis of hashing and of "same
// meaning" comparisons in the merge.
// Invariant: canonicalJson(a) === canonicalJson(b) iff a and b are deep-equal JSON values.

export function canonicalJson(value: unknown): string {
  // Loops and string building rather than entries/filter/sort/map/join: hashing runs this over every
  // contact's semantic view several times per sync, and the intermediate arrays were most of its cost.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i > 0 ? ',' : '') + (v === undefined ? 'null' : canonicalJson(v));
    }
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, the same order as the < comparison it replaces.
    const keys = Object.keys(record).sort();
    let out = '{';
    let first = true;
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}
