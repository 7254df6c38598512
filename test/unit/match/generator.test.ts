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

  it('records what was done to each copy, and nothing for originals', () => {
    // One untouched original per person; every copy carries at least how its name was written.
    const untouched = big.perturbations.flatMap((did, i) => (did.length === 0 ? [big.personOf[i]] : []));
    expect(untouched).toHaveLength(20_000 - big.duplicates);
    expect(new Set(untouched).size).toBe(untouched.length);
    const kinds = new Set(big.perturbations.flat());
    for (const k of ['name:same', 'name:nickname', 'name:pinyin', 'name:swapped', 'name:typo-given', 'name:initial', 'email:case', 'email:dropped', 'phone:format', 'phone:replaced', 'birthday:dropped']) {
      expect(kinds).toContain(k);
    }
    // Every copy says how its name was written (exactly one name perturbation).
    expect(big.perturbations.filter((d) => d.length > 0).every((d) => d.filter((x) => x.startsWith('name:')).length === 1)).toBe(true);
  });

  it('has relatives who share the family line or e-mail, an address, and twins a birthday', () => {
    // Different people, same family name and the same phone number: the hardest negatives.
    const byPhone = new Map<string, number[]>();
    big.contacts.forEach((c, i) => c.phones.forEach((p) => byPhone.set(p.value.replace(/\D/g, '').slice(-9), [...(byPhone.get(p.value.replace(/\D/g, '').slice(-9)) ?? []), i])));
    const relatives = [...byPhone.values()].filter((is) => new Set(is.map((i) => big.personOf[i])).size > 1 && new Set(is.map((i) => big.contacts[i]!.name.family)).size === 1);
    expect(relatives.length).toBeGreaterThan(50);
    const twins = relatives.filter((is) => {
      const people = new Map(is.map((i) => [big.personOf[i], big.contacts[i]!]));
      const days = [...people.values()].map((c) => (c.birthday?.year ? JSON.stringify(c.birthday) : null));
      return days.length > 1 && days[0] !== null && days.every((d) => d === days[0]);
    });
    expect(twins.length).toBeGreaterThan(0);
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
