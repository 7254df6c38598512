// The duplicate generator's own guarantees: deterministic, the asked share of copies, truth that
// counts pairs right, the perturbations the issue lists, and hard negatives.
import { describe, expect, it } from 'vitest';
import { evaluatePairs, generateDuplicateBook } from '../../support/duplicates-generator.ts';

describe('duplicates generator', () => {
  const book = generateDuplicateBook(3000, { seed: 11 });
  const big = generateDuplicateBook(20_000, { seed: 5 });
  const texts = big.contacts.map((c) => JSON.stringify(c));

  it('is deterministic and makes N cards of which the given share are copies', () => {
    expect(JSON.stringify(generateDuplicateBook(3000, { seed: 11 }).contacts)).toBe(JSON.stringify(book.contacts));
    expect(book.contacts).toHaveLength(3000);
    expect(book.duplicates).toBe(300);
    const people = new Set(book.personOf);
    expect(people.size).toBe(3000 - 300);
    const sizes = new Map<number, number>();
    for (const p of book.personOf) sizes.set(p, (sizes.get(p) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBe(3);
    expect(book.truePairs).toBe([...sizes.values()].reduce((n, k) => n + (k * (k - 1)) / 2, 0));
  });

  it('writes copies the ways real copies differ', () => {
    const phones = big.contacts.flatMap((c) => c.phones.map((p) => p.value));
    expect(phones.some((p) => p.startsWith('+86 1'))).toBe(true);
    expect(phones.some((p) => p.startsWith('0086 1'))).toBe(true);
    expect(phones.some((p) => /^1\d{2} \d{4} \d{4}$/.test(p))).toBe(true);
    expect(texts.some((t) => /"given":"(Bob|Bill|Liz|Mike|Tom|Jim)"/.test(t))).toBe(true);
    expect(texts.some((t) => /"given":"(小|阿)./.test(t))).toBe(true);
    expect(texts.some((t) => /"given":"[A-Z][a-z]+","middle":"","family":"(Zhang|Wang|Li|Liu|Chen)"/.test(t))).toBe(true);
    expect(texts.some((t) => /\+contacts@gmail\.com/.test(t))).toBe(true);
    expect(texts.some((t) => /"value":"[^"]*[A-Z][^"]*@/.test(t))).toBe(true);
    expect(book.contacts.some((c) => c.emails.length === 0 && c.phones.length === 0)).toBe(true);
  });

  it('has hard negatives: many different 王伟 and John Smith', () => {
    const named = (given: string, family: string) => new Set(big.contacts.flatMap((c, i) => (c.name.given === given && c.name.family === family ? [big.personOf[i]] : []))).size;
    expect(named('伟', '王')).toBeGreaterThan(20);
    expect(named('John', 'Smith')).toBeGreaterThan(20);
  });

  it('scores reported pairs against the truth', () => {
    const first = book.personOf.findIndex((p, i) => book.personOf.indexOf(p) !== i);
    const original = book.personOf.indexOf(book.personOf[first]!);
    const q = evaluatePairs(book, [
      { a: original, b: first, tier: 'high' },
      { a: 0, b: book.personOf.findIndex((p) => p !== book.personOf[0]), tier: 'high' },
    ]);
    expect(q.high).toMatchObject({ reported: 2, correct: 1, precision: 0.5 });
    expect(q.mediumOrHigh.recall).toBeCloseTo(1 / book.truePairs);
  });
});
