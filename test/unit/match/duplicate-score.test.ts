// The duplicate scorer, one kind of evidence at a time: each reason a person reads, and each piece
// of conflicting evidence lowering the score. Tiers: high needs two independent strong facts.
import { describe, expect, it } from 'vitest';
import type { ContactFields, PartialDate } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { scoreDuplicate } from '../../../electron/engine/match/duplicate-score.ts';
import { duplicateFeatures } from '../../../electron/engine/match/features.ts';

interface Spec {
  given?: string;
  family?: string;
  fn?: string;
  emails?: string[];
  phones?: string[];
  phoneLabel?: string;
  birthday?: PartialDate;
  org?: string;
  nicknames?: string[];
}

function card(s: Spec): ContactFields {
  const f = emptyContactFields();
  f.name.given = s.given ?? '';
  f.name.family = s.family ?? '';
  f.formattedName = s.fn ?? '';
  f.emails = (s.emails ?? []).map((value) => ({ value, label: 'home', primary: false }));
  f.phones = (s.phones ?? []).map((value) => ({ value, label: s.phoneLabel ?? 'mobile', primary: false }));
  f.birthday = s.birthday ?? null;
  if (s.org) f.organizations.push({ name: s.org, department: '', title: '', phoneticName: '' });
  f.nicknames = s.nicknames ?? [];
  return f;
}

const score = (a: Spec, b: Spec) => scoreDuplicate(duplicateFeatures(card(a)), duplicateFeatures(card(b)));

describe('evidence for', () => {
  it('same email, and e-mails that differ only in case', () => {
    expect(score({ given: 'Ann', family: 'Lee', emails: ['ann@example.org'] }, { given: 'Ann', family: 'Lee', emails: ['ann@example.org'] }).reasons).toContain(
      'same email ann@example.org',
    );
    const s = score({ given: 'Ann', family: 'Lee', emails: ['Ann.Lee@Example.org'] }, { given: 'Ann', family: 'Lee', emails: ['ann.lee@example.org'] });
    expect(s.reasons).toContain('emails differ only in case: Ann.Lee@Example.org / ann.lee@example.org');
    expect(s.tier).toBe('high');
  });

  it('a Gmail address with dots and a +tag is the same mailbox', () => {
    const s = score({ given: 'Jo', family: 'Smith', emails: ['j.o.smith+news@gmail.com'] }, { given: 'Jo', family: 'Smith', emails: ['josmith@gmail.com'] });
    expect(s.reasons[0]).toBe('same Gmail address (dots and +tags ignored): j.o.smith+news@gmail.com / josmith@gmail.com');
    expect(s.tier).toBe('high');
  });

  it('dots elsewhere are weaker evidence (a different mailbox on most domains)', () => {
    const s = score({ given: 'Jo', family: 'Smith', emails: ['jo.smith@example.org'] }, { given: 'Jo', family: 'Smith', emails: ['josmith@example.org'] });
    expect(s.reasons).toEqual(expect.arrayContaining(['same name Jo Smith', 'emails differ only in dots or +tag: jo.smith@example.org / josmith@example.org']));
    expect(s.tier).toBe('medium');
  });

  it('the same mobile in any format: +86, national, 0086, spaced or not', () => {
    const base = { given: '伟', family: '张', fn: '张伟' };
    for (const other of ['13800138000', '0086 138 0013 8000', '+86 13800138000', '138-0013-8000']) {
      const s = score({ ...base, phones: ['+86 138 0013 8000'] }, { ...base, phones: [other] });
      expect(s.reasons[0]).toBe(`same mobile +86 138 0013 8000 = ${other} (written differently)`);
      expect(s.tier).toBe('high');
    }
    expect(score({ ...base, phones: ['+86 138 0013 8000'] }, { ...base, phones: ['+86 138 0013 8000'] }).reasons[0]).toBe('same mobile +86 138 0013 8000');
  });

  it('a number without its area code is weaker', () => {
    const s = score({ given: 'Ann', family: 'Lee', phones: ['+44 20 7946 0958'], phoneLabel: 'home' }, { given: 'Ann', family: 'Lee', phones: ['7946 0958'], phoneLabel: 'home' });
    expect(s.reasons).toContain('same home phone +44 20 7946 0958 = 7946 0958 (one without area code)');
  });

  it('张伟 ≈ Zhang Wei and Wei Zhang (pinyin), in either order', () => {
    for (const [given, family] of [
      ['Wei', 'Zhang'],
      ['Zhang', 'Wei'],
    ]) {
      const s = score({ given: '伟', family: '张', fn: '张伟', phones: ['+86 138 0013 8000'] }, { given, family, phones: ['138 0013 8000'] });
      expect(s.reasons).toContain(`张伟 ≈ ${given} ${family} (pinyin)`);
      expect(s.tier).toBe('high');
    }
  });

  it('two hanzi names that only sound alike are weak evidence (same pinyin, different characters)', () => {
    const s = score({ fn: '张伟', phones: ['13800138000'] }, { fn: '章伟', phones: ['13800138000'] });
    expect(s.reasons).toContain('张伟 ≈ 章伟 (same pinyin, different characters)');
    expect(s.tier).toBe('medium');
  });

  it('given and family name swapped', () => {
    const s = score({ given: 'Anna', family: 'Schmidt', emails: ['a@x.org'] }, { given: 'Schmidt', family: 'Anna', emails: ['a@x.org'] });
    expect(s.reasons).toContain('Anna Schmidt ≈ Schmidt Anna (given and family name swapped)');
  });

  it('nicknames: Bob / Robert, and 小明 / 明', () => {
    const bob = score({ given: 'Bob', family: 'Stone', emails: ['bob@stone.org'] }, { given: 'Robert', family: 'Stone', emails: ['bob@stone.org'] });
    expect(bob.reasons).toContain('Bob Stone ≈ Robert Stone (nickname bob / robert)');
    expect(bob.tier).toBe('high');
    const ming = score({ given: '小明', family: '王', fn: '王小明', phones: ['13900139000'] }, { given: '明', family: '王', fn: '王明', phones: ['13900139000'] });
    expect(ming.reasons).toContain('王小明 ≈ 王明 (nickname 小明 / 明)');
    // A card's own nickname counts too.
    const own = score({ given: 'Elizabeth', family: 'Stone', nicknames: ['Bitsy'], phones: ['+1 415 555 0100'] }, { given: 'Bitsy', family: 'Stone', phones: ['+1 415 555 0100'] });
    expect(own.reasons.some((r) => r.includes('(nickname'))).toBe(true);
  });

  it('a spelling slip, and an initial', () => {
    expect(score({ given: 'Jonathan', family: 'Smith', phones: ['+1 415 555 0100'] }, { given: 'Jonathon', family: 'Smith', phones: ['+1 415 555 0100'] }).reasons).toContain(
      'Jonathan Smith ≈ Jonathon Smith (spelling)',
    );
    expect(score({ given: 'J.', family: 'Smith', phones: ['+1 415 555 0100'] }, { given: 'John', family: 'Smith', phones: ['+1 415 555 0100'] }).reasons).toContain(
      'J. Smith ≈ John Smith (initial)',
    );
  });

  it('same birthday, same organisation', () => {
    const s = score(
      { given: 'Ann', family: 'Lee', birthday: { year: 1990, month: 4, day: 15 }, org: 'Acme' },
      { given: 'Ann', family: 'Lee', birthday: { year: null, month: 4, day: 15 }, org: 'ACME' },
    );
    expect(s.reasons).toEqual(expect.arrayContaining(['same birthday 1990-04-15', 'same organisation Acme']));
  });

  it('a card without a name next to one with a name, sharing an address', () => {
    const s = score({ emails: ['zoe@example.org'] }, { given: 'Zoë', family: 'Martin', emails: ['zoe@example.org'] });
    expect(s.reasons).toEqual(['same email zoe@example.org', 'one of the two has no name']);
    expect(s.tier).toBe('medium');
  });
});

describe('evidence against', () => {
  const strong = { given: 'John', family: 'Smith', emails: ['john@smith.org'] };

  it('different birthdays lower the score', () => {
    const same = score(strong, strong);
    const other = score({ ...strong, birthday: { year: 1970, month: 1, day: 2 } }, { ...strong, birthday: { year: 1985, month: 6, day: 7 } });
    expect(other.score).toBeLessThan(same.score);
    expect(other.reasons).toContain('different birthdays 1970-01-02 / 1985-06-07');
  });

  it('different phones in the same country lower the score (and leave namesakes low)', () => {
    const namesakes = score({ given: 'John', family: 'Smith', phones: ['+1 415 555 0100'] }, { given: 'John', family: 'Smith', phones: ['+1 212 555 0199'] });
    expect(namesakes.reasons).toContain('different phones in the same country (+1)');
    expect(namesakes.tier).toBe('low');
    // Different countries say nothing (a work number abroad).
    const abroad = score({ given: 'John', family: 'Smith', phones: ['+1 415 555 0100'] }, { given: 'John', family: 'Smith', phones: ['+44 20 7946 0958'] });
    expect(abroad.reasons.some((r) => r.startsWith('different phones'))).toBe(false);
  });

  it('different names outweigh a shared family phone or e-mail', () => {
    const family = score({ given: 'John', family: 'Smith', phones: ['+1 415 555 0100'] }, { given: 'Mary', family: 'Smith', phones: ['+1 415 555 0100'] });
    expect(family.reasons).toContain('names differ: John Smith / Mary Smith');
    expect(family.tier).toBe('low');
    const hanzi = score({ fn: '王康慧', phones: ['13800138000'] }, { fn: '王洋慧', phones: ['13800138000'] });
    expect(hanzi.tier).toBe('low');
  });

  it('many people called 王伟 with their own phones and birthdays stay apart', () => {
    const s = score(
      { given: '伟', family: '王', phones: ['+86 138 0000 0001'], birthday: { year: 1980, month: 1, day: 1 } },
      { given: '伟', family: '王', phones: ['+86 139 0000 0002'], birthday: { year: 1991, month: 2, day: 3 } },
    );
    expect(s.tier).toBe('low');
    expect(s.reasons).toEqual(['same name 王伟', 'different birthdays 1980-01-01 / 1991-02-03', 'different phones in the same country (+86)']);
  });
});

describe('the score', () => {
  it('is symmetric', () => {
    const a = { given: 'Bob', family: 'Stone', emails: ['B.Stone@gmail.com'], phones: ['+1 415 555 0100'], birthday: { year: null, month: 3, day: 4 } };
    const b = { given: 'Stone', family: 'Robert', emails: ['bstone@gmail.com'], phones: ['(415) 555-0100'], birthday: { year: 1970, month: 3, day: 4 } };
    const x = score(a, b);
    const y = score(b, a);
    expect([x.score, x.tier]).toEqual([y.score, y.tier]);
  });

  it('is high only with two independent strong facts', () => {
    expect(score({ given: 'Ann', family: 'Lee', emails: ['ann@x.org'] }, { given: 'Ann', family: 'Lee', emails: ['ann@x.org'] }).tier).toBe('high');
    expect(score({ given: 'Ann', family: 'Lee' }, { given: 'Ann', family: 'Lee' }).tier).not.toBe('high');
    expect(score({ emails: ['ann@x.org'] }, { emails: ['ann@x.org'] }).tier).not.toBe('high');
  });

  it('explains only when asked, with the same score', () => {
    const a = duplicateFeatures(card({ given: 'Ann', family: 'Lee', emails: ['ann@x.org'] }));
    const quick = scoreDuplicate(a, a, false);
    const full = scoreDuplicate(a, a, true);
    expect(quick.reasons).toEqual([]);
    expect([quick.score, quick.tier]).toEqual([full.score, full.tier]);
  });
});
