// The evidence the duplicate finder gives for (and against) two contacts being one person, as codes
// with variables, so the renderer can translate it; plus the English wording, which the engine uses
// for the `reasons` strings the CLI prints (one source: a code and its English text cannot drift).
// Invariant: every code the engine emits is in duplicateReasonCodes, with exactly the vars listed
// in duplicateReasonVars; `against` is true exactly for the codes in againstCodes.

/** Every evidence code, for a translation table that must cover them all. */
export const duplicateReasonCodes = [
  // emails
  'email.same', // {email}
  'email.case', // {a, b}: emails differ only in case
  'email.gmail', // {a, b}: the same Gmail mailbox (dots and +tags ignored)
  'email.dots', // {a, b}: same domain, differ only in dots or +tag
  'email.localElsewhere', // {local, a, b}: the same mailbox name at different domains
  // phones ({line}: one of phoneLines)
  'phone.same', // {line, phone}
  'phone.formats', // {line, a, b}: the same number written differently
  'phone.local', // {line, a, b}: one written without its area code
  'phone.shared', // {line, a, b}: a number several contacts hold (switchboard, family line); b may equal a
  'phone.differentCountry', // {country}: no phone in common, two in the same country (calling code, "86")
  'phone.different', // {}: no phone in common
  // names ({a, b}: the two names as written)
  'name.same', // {name}
  'name.equivalent', // {a, b}: the same name read from different fields
  'name.phonetic', // {a, b}: meets through the phonetic reading
  'name.swapped', // {a, b}: given and family name swapped
  'name.pinyin', // {a, b}: 张伟 ≈ Zhang Wei
  'name.homophone', // {a, b}: same pinyin, different characters
  'name.nickname', // {a, b, from, to}: from / to are the name parts that are nicknames of one another
  'name.spelling', // {a, b}
  'name.initial', // {a, b}
  'name.partial', // {a, b}: one name is part of the other
  'name.uncommon', // {}
  'name.rare', // {count}
  'name.missing', // {}: one of the two has no name
  'name.different', // {a, b}
  // the rest
  'birthday.same', // {date}: YYYY-MM-DD or --MM-DD
  'birthday.different', // {a, b}
  'org.same', // {org}
  'org.large', // {org}: an organisation many contacts share
  'address.same', // {}
  'note', // {text}: untranslated English from elsewhere (a linking suggestion, an older stored one)
] as const;

export type DuplicateReasonCode = (typeof duplicateReasonCodes)[number];

/** How a phone reason names the line: 'mobile', 'home' or 'work' from its label, else 'phone'. */
export const phoneLines = ['mobile', 'home', 'work', 'phone'] as const;
export type PhoneLine = (typeof phoneLines)[number];

/** The variables each code carries (a translation may use any of them). */
export const duplicateReasonVars: Record<DuplicateReasonCode, readonly string[]> = {
  'email.same': ['email'],
  'email.case': ['a', 'b'],
  'email.gmail': ['a', 'b'],
  'email.dots': ['a', 'b'],
  'email.localElsewhere': ['local', 'a', 'b'],
  'phone.same': ['line', 'phone'],
  'phone.formats': ['line', 'a', 'b'],
  'phone.local': ['line', 'a', 'b'],
  'phone.shared': ['line', 'a', 'b'],
  'phone.differentCountry': ['country'],
  'phone.different': [],
  'name.same': ['name'],
  'name.equivalent': ['a', 'b'],
  'name.phonetic': ['a', 'b'],
  'name.swapped': ['a', 'b'],
  'name.pinyin': ['a', 'b'],
  'name.homophone': ['a', 'b'],
  'name.nickname': ['a', 'b', 'from', 'to'],
  'name.spelling': ['a', 'b'],
  'name.initial': ['a', 'b'],
  'name.partial': ['a', 'b'],
  'name.uncommon': [],
  'name.rare': ['count'],
  'name.missing': [],
  'name.different': ['a', 'b'],
  'birthday.same': ['date'],
  'birthday.different': ['a', 'b'],
  'org.same': ['org'],
  'org.large': ['org'],
  'address.same': [],
  note: ['text'],
};

/** Evidence that speaks against the two being one person (it lowered the score). */
export const againstCodes: ReadonlySet<DuplicateReasonCode> = new Set<DuplicateReasonCode>(['phone.differentCountry', 'phone.different', 'name.different', 'birthday.different']);

/** One piece of evidence about a pair: the code, its variables, and whether it counts against. */
export interface DuplicateEvidence {
  code: DuplicateReasonCode;
  vars: Record<string, string | number>;
  against: boolean;
}

export function evidence(code: DuplicateReasonCode, vars: Record<string, string | number> = {}): DuplicateEvidence {
  return { code, vars, against: againstCodes.has(code) };
}

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

function phoneWord(line: string | number | undefined): string {
  return line === 'mobile' ? 'mobile' : line === 'home' || line === 'work' ? `${line} phone` : 'phone';
}

/** The English sentence for a piece of evidence (what `reasons` holds and the CLI prints). */
export function englishReason(e: DuplicateEvidence): string {
  const v = e.vars;
  const pair = `${s(v.a)} ≈ ${s(v.b)}`;
  const both = (what: string) => `${what}: ${s(v.a)} / ${s(v.b)}`;
  const line = phoneWord(v.line);
  const numbers = s(v.a) === s(v.b) ? s(v.a) : `${s(v.a)} = ${s(v.b)}`;
  switch (e.code) {
    case 'email.same':
      return `same email ${s(v.email)}`;
    case 'email.case':
      return both('emails differ only in case');
    case 'email.gmail':
      return both('same Gmail address (dots and +tags ignored)');
    case 'email.dots':
      return both('emails differ only in dots or +tag');
    case 'email.localElsewhere':
      return both(`same email name “${s(v.local)}” at different domains`);
    case 'phone.same':
      return `same ${line} ${s(v.phone)}`;
    case 'phone.formats':
      return `same ${line} ${numbers} (written differently)`;
    case 'phone.local':
      return `same ${line} ${numbers} (one without area code)`;
    case 'phone.shared':
      return `shared ${line} ${numbers} (held by several contacts)`;
    case 'phone.differentCountry':
      return `different phones in the same country (+${s(v.country)})`;
    case 'phone.different':
      return 'different phones';
    case 'name.same':
      return `same name ${s(v.name)}`;
    case 'name.equivalent':
      return `same name: ${pair}`;
    case 'name.phonetic':
      return `${pair} (phonetic reading)`;
    case 'name.swapped':
      return `${pair} (given and family name swapped)`;
    case 'name.pinyin':
      return `${pair} (pinyin)`;
    case 'name.homophone':
      return `${pair} (same pinyin, different characters)`;
    case 'name.nickname':
      return `${pair} (nickname${v.from !== undefined && v.to !== undefined ? ` ${s(v.from)} / ${s(v.to)}` : ''})`;
    case 'name.spelling':
      return `${pair} (spelling)`;
    case 'name.initial':
      return `${pair} (initial)`;
    case 'name.partial':
      return `${pair} (part of the name)`;
    case 'name.uncommon':
      return 'an uncommon name';
    case 'name.rare':
      return `a rare name (${s(v.count)} contacts)`;
    case 'name.missing':
      return 'one of the two has no name';
    case 'name.different':
      return `names differ: ${s(v.a)} / ${s(v.b)}`;
    case 'birthday.same':
      return `same birthday ${s(v.date)}`;
    case 'birthday.different':
      return `different birthdays ${s(v.a)} / ${s(v.b)}`;
    case 'org.same':
      return `same organisation ${s(v.org)}`;
    case 'org.large':
      return `same organisation ${s(v.org)} (a large one)`;
    case 'address.same':
      return 'same address';
    case 'note':
      return s(v.text);
  }
}
