// Candidate generation: pairs only through shared keys, never all pairs; oversized blocks capped so
// cost stays near-linear; initial-only names meet the people they could stand for; clusters.
import { describe, expect, it } from 'vitest';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { findPairs } from '../../../electron/engine/match/blocks.ts';
import { clusterPairs } from '../../../electron/engine/match/cluster.ts';
import { duplicateFeatures } from '../../../electron/engine/match/features.ts';
import { blockingKeys, contactKeys, linkingKeys } from '../../../electron/engine/match/keys.ts';
import { canonicalGivens, nicknameEquivalent } from '../../../electron/engine/match/nicknames.ts';
import { generateDuplicateBook } from '../../support/duplicates-generator.ts';

function card(given: string, family: string, extra: { email?: string; phone?: string; fn?: string; birthday?: ContactFields['birthday'] } = {}): ContactFields {
  const f = emptyContactFields();
  f.name.given = given;
  f.name.family = family;
  f.formattedName = extra.fn ?? '';
  if (extra.email) f.emails.push({ value: extra.email, label: null, primary: false });
  if (extra.phone) f.phones.push({ value: extra.phone, label: 'mobile', primary: false });
  f.birthday = extra.birthday ?? null;
  return f;
}

const pairsOf = (cards: ContactFields[]) => findPairs(cards.map(duplicateFeatures));

describe('nickname equivalences', () => {
  it('map diminutives to formal names and Chinese familiar forms to the name', () => {
    expect(canonicalGivens('Bob')).toEqual(['bob', 'robert']);
    expect(canonicalGivens('小明')).toEqual(['小明', '明']);
    expect(canonicalGivens('阿伟')).toEqual(['阿伟', '伟']);
    expect(canonicalGivens('明明')).toEqual(['明明', '明']);
    expect(nicknameEquivalent('Bob', 'Robert')).toBe(true);
    expect(nicknameEquivalent('Bob', 'Bobby')).toBe(true);
    expect(nicknameEquivalent('John', 'Jonathan')).toBe(false);
    expect(nicknameEquivalent('Anna', 'Anna')).toBe(false);
  });
});

describe('blocking keys', () => {
  it('linking probes only its own keys; the index also holds the duplicate finder’s', () => {
    const keys = contactKeys(card('Bob', 'Stone', { email: 'B.Stone+x@gmail.com', phone: '+86 138 0013 8000' }), { defaultRegion: null });
    expect(linkingKeys(keys).every((k) => /^[epn]:/.test(k))).toBe(true);
    expect(blockingKeys(keys)).toEqual(expect.arrayContaining([...linkingKeys(keys), 'ps:0138000', 'el:bstone', 'nn:robert stone']));
  });

  it('meet across formats, scripts and orders', () => {
    const { pairs } = pairsOf([
      card('伟', '张', { fn: '张伟', phone: '+86 138 0013 8000' }),
      card('Wei', 'Zhang', { phone: '0086 138 0013 8000' }),
      card('Zhang', 'Wei', { phone: '138 0013 8000' }),
      card('Robert', 'Stone', { email: 'rstone@gmail.com' }),
      card('Bob', 'Stone', { email: 'r.stone@gmail.com' }),
    ]);
    const found = pairs.map((p) => `${p.a}-${p.b}`).sort();
    expect(found).toEqual(['0-1', '0-2', '1-2', '3-4']);
  });
});

describe('candidate pairs', () => {
  it('never compares all pairs: a 5,000-card book scores a small fraction', () => {
    const book = generateDuplicateBook(5000, { seed: 3 });
    const search = findPairs(book.contacts.map(duplicateFeatures));
    const all = (5000 * 4999) / 2;
    expect(search.compared).toBeLessThan(all / 500);
    expect(search.compared).toBeGreaterThan(book.truePairs);
  });

  it('caps an oversized block: 1,000 people called John Smith cost about a window each, not 500,000 pairs', () => {
    const cards = Array.from({ length: 1000 }, (_, i) =>
      card('John', 'Smith', { phone: `+1 415 555 ${String(1000 + i)}`, birthday: { year: 1950 + (i % 50), month: 1 + (i % 12), day: 1 + (i % 28) } }),
    );
    const search = pairsOf(cards);
    expect(search.compared).toBeLessThan(10 * 1000);
    expect(search.oversized).toBeGreaterThan(0);
    // Namesakes with their own numbers and birthdays are not suggested.
    expect(search.pairs).toEqual([]);
  });

  it('compares an initial-only name with the people it could stand for, and skips dismissed pairs', () => {
    const cards = [card('J.', 'Smith', { phone: '+1 415 555 0100' }), card('John', 'Smith', { phone: '+1 415 555 0100' }), card('Jane', 'Smith')];
    const search = pairsOf(cards);
    expect(search.pairs.map((p) => [p.a, p.b])).toEqual([[0, 1]]);
    expect(findPairs(cards.map(duplicateFeatures), undefined, (a, b) => a === 0 && b === 1).pairs).toEqual([]);
  });
});

describe('clusters', () => {
  const pair = (a: string, b: string, score: number, tier: 'high' | 'medium') => ({ a, b, score, tier, reasons: [`${a}~${b}`] });

  it('three cards of one person are one suggestion, as strong as its weakest holding link', () => {
    const [c] = clusterPairs([pair('a', 'b', 0.9, 'high'), pair('b', 'c', 0.5, 'medium'), pair('a', 'c', 0.8, 'high')]);
    expect(c!.contactIds).toEqual(['a', 'b', 'c']);
    expect(c!.tier).toBe('high');
    expect(c!.score).toBe(0.8);
    expect(c!.pairs).toHaveLength(3);
    const [m] = clusterPairs([pair('a', 'b', 0.9, 'high'), pair('b', 'c', 0.5, 'medium')]);
    expect([m!.tier, m!.score]).toEqual(['medium', 0.5]);
  });

  it('stop growing at the size limit instead of gluing a chain of people together', () => {
    const chain = Array.from({ length: 20 }, (_, i) => pair(`p${String(i).padStart(2, '0')}`, `p${String(i + 1).padStart(2, '0')}`, 0.5, 'medium'));
    const clusters = clusterPairs(chain, 8);
    expect(Math.max(...clusters.map((c) => c.contactIds.length))).toBeLessThanOrEqual(8);
    expect(new Set(clusters.flatMap((c) => c.contactIds)).size).toBe(clusters.reduce((n, c) => n + c.contactIds.length, 0));
  });
});
