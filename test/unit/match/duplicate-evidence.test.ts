// Translatable evidence: every reason the scorer writes is also a code with variables from
// shared/model/duplicate-reasons.ts, and the English `reasons` are exactly englishReason of that
// evidence (one source, so a translation and the CLI's text cannot say different things). Stored
// suggestions keep their evidence; text-only ones (linking, older rows) read as 'note'.
import { describe, expect, it } from 'vitest';
import type { ContactFields, PartialDate } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { againstCodes, duplicateReasonCodes, duplicateReasonVars, englishReason, evidence } from '../../../shared/model/duplicate-reasons.ts';
import type { DuplicateReasonCode } from '../../../shared/model/duplicate-reasons.ts';
import { openDatabase } from '../../../electron/engine/db/open.ts';
import { insertLinkSuggestion, openSuggestions } from '../../../electron/engine/db/repos/suggestions.ts';
import { createContact } from '../../../electron/engine/hub/contacts.ts';
import { scoreDuplicate } from '../../../electron/engine/match/duplicate-score.ts';
import { duplicateFeatures } from '../../../electron/engine/match/features.ts';
import { scanDuplicates } from '../../../electron/engine/match/finder.ts';

interface Spec {
  given?: string;
  family?: string;
  fn?: string;
  emails?: string[];
  phones?: string[];
  label?: string;
  birthday?: PartialDate;
  org?: string;
  street?: string;
  phoneticGiven?: string;
  phoneticFamily?: string;
}

function card(s: Spec): ContactFields {
  const f = emptyContactFields();
  Object.assign(f.name, { given: s.given ?? '', family: s.family ?? '', phoneticGiven: s.phoneticGiven ?? '', phoneticFamily: s.phoneticFamily ?? '' });
  f.formattedName = s.fn ?? '';
  f.emails = (s.emails ?? []).map((value) => ({ value, label: 'home', primary: false }));
  f.phones = (s.phones ?? []).map((value) => ({ value, label: s.label ?? 'mobile', primary: false }));
  f.birthday = s.birthday ?? null;
  if (s.org) f.organizations.push({ name: s.org, department: '', title: '', phoneticName: '' });
  if (s.street) f.addresses.push({ label: 'home', primary: true, poBox: '', extended: '', street: s.street, locality: 'Berlin', region: '', postalCode: '', country: '', countryCode: '' });
  return f;
}

/** Pairs that between them produce every code the scorer can write. */
const pairs: [Spec, Spec][] = [
  [{ given: 'Ann', family: 'Lee', emails: ['ann@example.org'] }, { given: 'Ann', family: 'Lee', emails: ['ann@example.org'] }],
  [{ fn: 'Lee, Ann', emails: ['Ann@Example.org'] }, { given: 'Ann', family: 'Lee', emails: ['ann@example.org'] }],
  [{ given: 'Jo', family: 'Smith', emails: ['j.o.smith+news@gmail.com'] }, { given: 'Joe', family: 'Smith', emails: ['josmith@gmail.com'] }],
  [{ given: 'Jo', family: 'Smith', emails: ['jo.smith@example.org'] }, { given: 'J.', family: 'Smith', emails: ['josmith@example.org'] }],
  [{ given: 'Bob', family: 'Stone', emails: ['sunny42@example.org'] }, { given: 'Robert', family: 'Stone', emails: ['sunny42@example.com'] }],
  [{ fn: '张伟', phones: ['+86 138 0013 8000'] }, { given: 'Wei', family: 'Zhang', phones: ['138 0013 8000'] }],
  [{ fn: '张伟', phones: ['13800138000'] }, { fn: '章伟', phones: ['13800138000'] }],
  [{ given: 'Anna', family: 'Schmidt', phones: ['+44 20 7946 0958'], label: 'home' }, { given: 'Schmidt', family: 'Anna', phones: ['7946 0958'], label: 'home' }],
  [{ given: 'Jonathan', family: 'Smith', phones: ['+1 415 555 0100'], label: 'work' }, { given: 'Jonathon', family: 'Smith', phones: ['+1 415 555 0100'], label: 'work' }],
  [{ given: 'Smith', family: 'Smith', phones: ['+1 415 555 0100'] }, { fn: 'Smith', phones: ['+1 415 555 0199'] }],
  [{ given: 'Ann', family: 'Lee', phones: ['555 0100 77'], label: 'other' }, { given: 'Mary', family: 'Major', phones: ['555 0199 88'], label: 'other' }],
  [{ given: 'Yuki', family: 'Sato', fn: '佐藤 由紀', phoneticGiven: 'Yuki', phoneticFamily: 'Sato' }, { given: '由紀', family: '佐藤', phoneticGiven: 'Yuki', phoneticFamily: 'Sato' }],
  [{ emails: ['zoe@example.org'] }, { given: 'Zoë', family: 'Martin', emails: ['zoe@example.org'] }],
  [
    { given: 'Ann', family: 'Lee', birthday: { year: 1990, month: 4, day: 15 }, org: 'Acme', street: '1 Main St' },
    { given: 'Ann', family: 'Lee', birthday: { year: null, month: 4, day: 15 }, org: 'ACME', street: '1 Main St' },
  ],
  [
    { given: 'Ann', family: 'Lee', birthday: { year: 1970, month: 1, day: 2 } },
    { given: 'Ann', family: 'Leigh', birthday: { year: 1985, month: 6, day: 7 } },
  ],
  [{ fn: '王小明', phones: ['13900139000'] }, { fn: '明', phones: ['13900139000'] }],
];

describe('evidence', () => {
  const scored = pairs.map(([a, b]) => scoreDuplicate(duplicateFeatures(card(a)), duplicateFeatures(card(b))));
  const all = scored.flatMap((s) => s.evidence);

  it('uses only listed codes, each with exactly its listed variables, against exactly for the conflicting ones', () => {
    expect(all.length).toBeGreaterThan(20);
    for (const e of all) {
      expect(duplicateReasonCodes).toContain(e.code);
      expect(Object.keys(e.vars).sort()).toEqual([...duplicateReasonVars[e.code]].sort());
      expect(e.against).toBe(againstCodes.has(e.code));
      for (const v of Object.values(e.vars)) expect(String(v)).not.toBe('');
    }
    // The fixture covers the codes a scan can write (what 'note' and the large/shared variants need is set up elsewhere).
    const seen = new Set(all.map((e) => e.code));
    const expected: DuplicateReasonCode[] = [
      'email.same', 'email.case', 'email.gmail', 'email.dots', 'email.localElsewhere', 'phone.formats', 'phone.local', 'phone.same',
      'phone.differentCountry', 'phone.different', 'name.same', 'name.equivalent', 'name.pinyin', 'name.homophone', 'name.swapped', 'name.nickname',
      'name.spelling', 'name.initial', 'name.partial', 'name.missing', 'name.different', 'birthday.same', 'birthday.different', 'org.same', 'address.same',
    ];
    expect([...expected].filter((c) => !seen.has(c))).toEqual([]);
  });

  it('is what the English reasons say, in the same order', () => {
    for (const s of scored) expect(s.reasons).toEqual(s.evidence.map(englishReason));
    expect(scored[5]!.evidence[0]).toEqual({ code: 'phone.formats', vars: { line: 'mobile', a: '+86 138 0013 8000', b: '138 0013 8000' }, against: false });
  });

  it('has English wording for every code', () => {
    for (const code of duplicateReasonCodes) {
      const vars = Object.fromEntries(duplicateReasonVars[code].map((v) => [v, v === 'count' ? 5 : `<${v}>`]));
      const text = englishReason(evidence(code, vars));
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined/);
    }
  });
});

describe('stored suggestions', () => {
  it('keep the scan’s evidence; a text-only suggestion reads as notes', () => {
    const db = openDatabase(':memory:');
    const w = { db, now: 1, runId: null };
    createContact(w, card({ given: 'Ann', family: 'Lee', emails: ['ann@example.org'] }), 'a');
    createContact(w, card({ given: 'Ann', family: 'Lee', emails: ['Ann@example.org'] }), 'b');
    createContact(w, card({ given: 'Mary', family: 'Major' }), 'c');
    createContact(w, card({ given: 'Mary', family: 'Major' }), 'd');
    insertLinkSuggestion(db, 'c', 'd', 0.5, 'medium', ['same name'], 1);
    scanDuplicates(db, 2);
    const open = openSuggestions(db);
    const ab = open.find((p) => p.a === 'a')!;
    expect(ab.evidence.map((e) => e.code)).toEqual(['email.case', 'name.same', 'name.uncommon']);
    expect(ab.reasons).toEqual(ab.evidence.map(englishReason));
    const cd = open.find((p) => p.a === 'c')!;
    expect(cd.origin).toBe('link');
    // The scan found the linking pair too: it keeps its origin and gets the scan's evidence.
    expect(cd.evidence.map((e) => e.code)).toEqual(['name.same', 'name.uncommon']);
    // A linking suggestion the scan did not see keeps its text, read as a note.
    insertLinkSuggestion(db, 'a', 'c', 0.5, 'medium', ['same name'], 3);
    expect(openSuggestions(db).find((p) => p.a === 'a' && p.b === 'c')!.evidence).toEqual([{ code: 'note', vars: { text: 'same name' }, against: false }]);
    db.close();
  });
});
