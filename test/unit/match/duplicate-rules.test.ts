// The rules added after analysing the finder's misses on the generated 100,000-card book, each with
// the case it is for and the hard negative it must not turn into a match: whole names split at
// any word, a dropped letter that leaves three, a slip in both parts, 阿嘉 / 嘉 in pinyin, a full
// birthday worth more than day and month, a home line and a mobile not in conflict, and the
// birthday block that meets a misspelt name.
import { describe, expect, it } from 'vitest';
import type { ContactFields, PartialDate } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { findPairs } from '../../../electron/engine/match/blocks.ts';
import { scoreDuplicate } from '../../../electron/engine/match/duplicate-score.ts';
import { duplicateFeatures } from '../../../electron/engine/match/features.ts';

interface Spec {
  given?: string;
  family?: string;
  fn?: string;
  emails?: string[];
  /** "number" (a mobile) or "number/label". */
  phones?: string[];
  birthday?: PartialDate;
}

function card(s: Spec): ContactFields {
  const f = emptyContactFields();
  f.name.given = s.given ?? '';
  f.name.family = s.family ?? '';
  f.formattedName = s.fn ?? '';
  f.emails = (s.emails ?? []).map((value) => ({ value, label: 'home', primary: false }));
  f.phones = (s.phones ?? []).map((p) => {
    const [value, label] = p.split('/');
    return { value: value!, label: label ?? 'mobile', primary: false };
  });
  f.birthday = s.birthday ?? null;
  return f;
}

const score = (a: Spec, b: Spec) => scoreDuplicate(duplicateFeatures(card(a)), duplicateFeatures(card(b)));
const codes = (a: Spec, b: Spec) => score(a, b).evidence.map((e) => e.code);

describe('a whole name in one field is read at every split', () => {
  it('a family name with a particle meets the card that split it', () => {
    const mail = { emails: ['deluca.jeremy@gmail.com'] };
    const s = score({ fn: 'Jeremy De Luca', ...mail }, { given: 'Jeremy', family: 'De Luca', fn: 'Jeremy De Luca', ...mail });
    expect(s.evidence.map((e) => e.code)).toContain('name.same');
    expect(s.tier).toBe('high');
    // Written the other way round on the structured card: a swap, not two people.
    const phone = { phones: ['2063184026'] };
    expect(codes({ given: 'de Vries', family: 'Robert', ...phone }, { fn: 'Robert de Vries', ...phone })).toContain('name.swapped');
    // A nickname still meets its formal name across the split.
    expect(codes({ given: 'Ed', family: 'van der Berg', ...phone }, { fn: 'Edward van der Berg', ...phone })).toContain('name.nickname');
  });

  it('but a different given name stays different', () => {
    const phone = { phones: ['2063184026/home'] };
    expect(codes({ fn: 'Mary Ann Smith', ...phone }, { given: 'Ann', family: 'Smith', ...phone })).toContain('name.different');
  });
});

describe('spelling slips', () => {
  it('a dropped letter that leaves three ("Nora" / "Nra") is a slip when the first letter agrees', () => {
    const mail = { emails: ['nora.thompson@proton.me'] };
    const s = score({ given: 'Nora', family: 'Thompson', ...mail }, { given: 'Nra', family: 'Thompson', ...mail });
    expect(s.reasons).toContain('Nora Thompson ≈ Nra Thompson (spelling)');
    expect(s.tier).not.toBe('low');
  });

  it('"Ann" and "Jan" sharing the family phone are two people', () => {
    const home = { family: 'Lee', phones: ['+1 415 555 0100/home'] };
    const s = score({ given: 'Ann', ...home }, { given: 'Jan', ...home });
    expect(s.evidence.map((e) => e.code)).toContain('name.different');
    expect(s.tier).toBe('low');
  });

  it('a slip in both parts (two copies edited separately) is weak evidence, not a different name', () => {
    const phone = { phones: ['0680267480'] };
    const s = score({ given: 'Sopia', family: 'Hansen', ...phone }, { given: 'Sophia', family: 'Hasnen', ...phone });
    expect(s.reasons).toContain('Sopia Hansen ≈ Sophia Hasnen (spelling)');
    expect(s.tier).toBe('medium');
    // Different given names with a similar family name: still different people.
    expect(codes({ given: 'John', family: 'Smith', ...phone }, { given: 'Mary', family: 'Smyth', ...phone })).toContain('name.different');
  });
});

describe('Chinese diminutives in pinyin', () => {
  it('高阿嘉 meets "Jia Gao": 阿嘉 stands for 嘉, in pinyin too', () => {
    const s = score({ given: '阿嘉', family: '高', fn: '高阿嘉', phones: ['+86 181 4755 4112'] }, { given: 'Jia', family: 'Gao', phones: ['181 4755 4112'] });
    expect(s.evidence.map((e) => e.code)).toContain('name.nickname');
    // A nickname is weaker than the same name: suggested, not offered for bulk merge.
    expect(s.tier).toBe('medium');
  });
});

describe('birthdays', () => {
  const full = { year: 1966, month: 12, day: 20 };
  it('the same full date says more than day and month', () => {
    const withYear = score({ given: 'Janice', family: 'Torres', birthday: full }, { given: 'Jaice', family: 'Torres', birthday: full });
    const withoutYear = score({ given: 'Janice', family: 'Torres', birthday: full }, { given: 'Jaice', family: 'Torres', birthday: { ...full, year: null } });
    expect(withYear.tier).toBe('medium');
    expect(withoutYear.tier).toBe('low');
    expect(withYear.reasons).toContain('same birthday 1966-12-20');
  });

  it('twins (same birthday, family phone, different given names) stay apart', () => {
    const twin = { family: 'Torres', birthday: full, phones: ['+1 415 555 0100/home'] };
    expect(score({ given: 'Janice', ...twin }, { given: 'Carlos', ...twin }).tier).toBe('low');
  });

  it('a misspelt name with the same full birthday becomes a candidate (the birthday block)', () => {
    const cards = [card({ given: 'Janice', family: 'Torres', birthday: full }), card({ given: 'Jaice', family: 'Torres', birthday: full })];
    // Unrelated people with the same birthday and other initials are not compared.
    cards.push(card({ given: 'Bill', family: 'Young', birthday: full }));
    const search = findPairs(cards.map(duplicateFeatures));
    expect(search.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['0-1']);
    expect(search.compared).toBe(1);
  });
});

describe('different phones', () => {
  const name = { given: 'Huiyan', family: 'Heinemann' };
  it('two different mobiles in one country count against', () => {
    expect(codes({ ...name, phones: ['+1 617 555 0100'] }, { ...name, phones: ['+1 617 555 0199'] })).toContain('phone.differentCountry');
  });

  it('a home line on one card and a mobile on the other do not: people have both', () => {
    const s = score({ ...name, phones: ['+1 617 555 0100/home'] }, { ...name, phones: ['+1 617 555 0199'] });
    expect(s.evidence.filter((e) => e.against)).toEqual([]);
    expect(s.score).toBe(score(name, name).score);
    // An unlabelled number may be either kind: it still counts.
    expect(codes({ ...name, phones: ['+1 617 555 0100/other'] }, { ...name, phones: ['+1 617 555 0199'] })).toContain('phone.differentCountry');
  });
});
