// canonicalJson: the text every content and semantic hash is taken of. Checked against the first
// implementation over arbitrary values (unicode and integer-like keys, __proto__, undefined) and for
// key order independence: the faster one must agree byte for byte, or every stored hash would be
// stale and every contact would look edited.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '../../../electron/engine/model/normalize/canonical-json.ts';

/** The first implementation (entries, filter, sort, join): the faster one must write the same bytes. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function shuffledKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffledKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffledKeys(v)]));
  }
  return value;
}

const jsonish = fc.jsonValue();
const withUndefined = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.integer(), fc.constant(undefined), fc.constant(null), fc.array(tie('value')), fc.dictionary(fc.string({ unit: 'binary' }), tie('value'))),
})).value;

describe('canonicalJson', () => {
  it('writes the same text as the first implementation (arbitrary JSON, unicode and integer-like keys)', () => {
    fc.assert(fc.property(jsonish, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 500 });
  });

  it('drops undefined members and writes undefined array items as null', () => {
    fc.assert(fc.property(withUndefined, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 500 });
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('does not depend on the order keys were built in', () => {
    fc.assert(fc.property(jsonish, (v) => {
      expect(canonicalJson(shuffledKeys(v))).toBe(canonicalJson(v));
    }), { numRuns: 300 });
    expect(sameJson({ x: 1, y: { b: 2, a: 1 } }, { y: { a: 1, b: 2 }, x: 1 })).toBe(true);
    expect(sameJson({ x: 1 }, { x: 2 })).toBe(false);
  });
});
