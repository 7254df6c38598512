// What the duplicate finder knows about one contact, computed once per contact and reused for
// every pair it takes part in: name readings (as written, from the formatted name, the phonetic
// reading, pinyin for Chinese names), emails split into mailbox parts, phones as digits with a
// suffix for blocking, birthday, organisations and addresses; plus the blocking keys.
// Pairs are only ever scored between contacts that share a key (DESIGN.md §5: never all pairs).
// Invariant: features depend on the fields alone (no account, no region), so the full scan and the
// incremental refresh compute the same keys and the same scores for the same two contacts.
import type { ContactFields, PartialDate } from '../../../shared/model/contact.ts';
import { addressKey, compactKey as foldKey, emailKey, familyPinyin as familyReading, givenPinyin as givenReading, splitFullName as splitName, wordsKey } from '../model/normalize/index.ts';
import { hasHan, hasKanaOrHangul, isHanOnly } from '../model/normalize/pinyin.ts';
import { memo } from '../model/normalize/memo.ts';
import { cleanText } from '../model/normalize/text.ts';
import { canonicalGivens } from './nicknames.ts';

export type ReadingVia = 'written' | 'formatted' | 'phonetic' | 'pinyin';

/** One way of reading the name: compacted given and family ('' when absent) and where it came from. */
export interface NameReading {
  given: string;
  family: string;
  via: ReadingVia;
  /** Written in Han characters (pinyin readings are false: they are Latin). */
  han: boolean;
  /** canonicalGivens of each part (either may be the given name: apps swap them). */
  givenForms: string[];
  familyForms: string[];
}

export interface EmailFeature {
  raw: string;
  /** emailKey: the whole address, case folded. */
  key: string;
  domain: string;
  /** Local part without dots and +tag: "j.smith+news" → "jsmith". */
  loose: string;
  gmail: string | null;
}

export interface PhoneFeature {
  raw: string;
  label: string | null;
  /** Digits of the number without extension. */
  digits: string;
  extension: string;
  /** Written with a country code ("+86 …", "0086 …"). */
  international: boolean;
  /** Last 7 digits (with the extension): the blocking key that meets every format of one number. */
  suffix: string | null;
  /** How many contacts hold this number (set by the caller from the blocks; 0 when unknown). */
  count: number;
}

export interface DupFeatures {
  kind: ContactFields['kind'];
  /** The card's own name text, as written: reasons quote it (displayOf). */
  formattedName: string;
  givenName: string;
  familyName: string;
  readings: NameReading[];
  /** Contact's own nicknames, compacted. */
  nicknames: string[];
  emails: EmailFeature[];
  phones: PhoneFeature[];
  birthday: PartialDate | null;
  /** Organisation names, folded. */
  orgs: string[];
  /** The organisation names as written, parallel to orgs. */
  orgNames: string[];
  /** How many contacts hold each organisation (set by the caller; 0 when unknown), parallel to orgs. */
  orgCounts: number[];
  addresses: string[];
  /** Order-independent name keys (the 'n' blocks): "john smith", "伟 张", "wei zhang". */
  nameKeys: string[];
  /** The same with a nickname replaced by the names it stands for ("robert smith" for Bob Smith). */
  variantKeys: string[];
  /** How many contacts share the main name key (set by the caller; 0 when unknown). */
  nameCount: number;
}

const genericLocals = new Set<string>([
  'info', 'admin', 'contact', 'mail', 'office', 'hello', 'support', 'sales', 'service', 'team', 'noreply', 'no-reply', 'webmaster', 'postmaster', 'me', 'home', 'work',
]);

// Memoised normalisers: a book repeats the same given names, surnames and formatted names thousands
// of times (model/normalize/memo.ts).
const printableAscii = /^[\x20-\x7e]*$/;
/** Unified ideographs only (no compatibility forms, which NFKD would map): nothing to fold. */
const plainHan = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/;
/** compactKey, with the common cases (plain ASCII, plain hanzi: nothing to decompose or fold) done directly. */
const compactKey = (s: string): string => (printableAscii.test(s) ? s.toLowerCase().replace(/[^a-z0-9]+/g, '') : plainHan.test(s) ? s : foldKey(s));
const givenPinyin = memo(givenReading);
const familyPinyin = memo(familyReading);
const splitFullName = memo(splitName);

/** Shared empty lists (never mutated): most contacts have no nicknames, addresses or variants. */
const none: string[] = [];
const noEmails: EmailFeature[] = [];
const noPhones: PhoneFeature[] = [];
const noCounts: number[] = [];
/** Organisation names repeat across a book (colleagues): fold each spelling once. */
const orgKey = memo(wordsKey, 50_000);

/** Readings of one (given, family) pair are cached: names repeat far more often than anything else. */
interface NameInfo {
  readings: NameReading[];
  nameKeys: string[];
  variantKeys: string[];
}
const readingCache = new Map<string, NameInfo>();
const READING_CACHE_LIMIT = 200_000;

/** Given and family as the card means them, as model/normalize/name.ts reads them (so the keys agree). */
function nameParts(given: string, family: string, formatted: string): { given: string; family: string } {
  const g = cleanText(given);
  const f = cleanText(family);
  if (g && f) return { given: g, family: f };
  const single = g || f;
  if (!single) return splitFullName(formatted);
  // Some apps put the whole name into one field.
  return /\s/.test(single) || (isHanOnly(single) && single.length > 1 && !f) ? splitFullName(single) : { given: g, family: f };
}

function addReading(out: NameReading[], given: string, family: string, via: ReadingVia, han: boolean, from?: NameReading): void {
  const g = compactKey(given);
  const f = compactKey(family);
  if (!g && !f) return;
  if (out.some((r) => r.given === g && r.family === f)) return;
  let givenForms = canonicalGivens(g);
  let familyForms = canonicalGivens(f);
  if (from) {
    // A pinyin reading stands for what its hanzi stand for: 高阿嘉 is 高嘉, so "Gao Ajia" is "Gao Jia" too.
    const more = (forms: string[], han: string[]) => [...new Set([...forms, ...han.map((x) => givenPinyin(x))])].filter((x) => x.length > 0);
    if (from.givenForms.length > 1) givenForms = more(givenForms, from.givenForms);
    if (from.familyForms.length > 1) familyForms = more(familyForms, from.familyForms);
  }
  out.push({ given: g, family: f, via, han, givenForms, familyForms });
}

/**
 * A whole name of three to five Latin words ("Jeremy De Luca", "Edward van der Berg") written in one
 * field: where the given name ends is unknown (splitFullName keeps the first and last word), so it is
 * also read at every other split. Family names with particles and two-word given names then meet the
 * structured card that split them ("De Luca", "Mary Ann").
 */
function addSplitReadings(out: NameReading[], whole: string): void {
  const text = cleanText(whole);
  if (!text || text.includes(',') || hasHan(text) || hasKanaOrHangul(text)) return;
  const words = text.split(/\s+/);
  if (words.length < 3 || words.length > 5) return;
  for (let k = 1; k < words.length; k++) addReading(out, words.slice(0, k).join(' '), words.slice(k).join(' '), 'formatted', false);
}

const sortedKey = (x: string, y: string): string => (x && y ? (x < y ? `${x} ${y}` : `${y} ${x}`) : x || y);

function computeReadings(fields: ContactFields): NameInfo {
  const { name, formattedName } = fields;
  const out: NameReading[] = [];
  const anyKana = hasKanaOrHangul(`${name.given}${name.family}${formattedName}${name.phoneticGiven}${name.phoneticFamily}`);
  const main = nameParts(name.given, name.family, formattedName);
  addReading(out, main.given, main.family, 'written', hasHan(main.given + main.family));
  const g = name.given.trim();
  const fam = name.family.trim();
  const fn = formattedName.trim();
  // The whole name in one field (no parts, or both in one of them): read at every split too.
  if (!g && !fam) addSplitReadings(out, formattedName);
  else if (!g || !fam) addSplitReadings(out, g || fam);
  // The formatted name is read too when it says something the parts do not ("Bob Smith" filed as
  // Robert); the usual "given family" / "familygiven" spelling of the same parts is skipped.
  if ((g || fam) && fn && fn !== `${g} ${fam}` && fn !== `${fam}${g}` && fn !== `${fam} ${g}`) {
    const split = splitFullName(formattedName);
    addReading(out, split.given, split.family, 'formatted', hasHan(split.given + split.family));
    addSplitReadings(out, formattedName);
  }
  if (name.phoneticGiven.trim() || name.phoneticFamily.trim()) addReading(out, name.phoneticGiven, name.phoneticFamily, 'phonetic', false);
  // A one-word Han name ("小明") may be a nickname card: also read it as a given name alone.
  const whole = cleanText(name.given || name.family || formattedName);
  if (isHanOnly(whole) && !(name.given.trim() && name.family.trim())) addReading(out, whole, '', 'written', true);
  const written = [...out];
  if (!anyKana) {
    for (const r of written) {
      if (r.han) addReading(out, givenPinyin(r.given), familyPinyin(r.family), 'pinyin', false, r);
    }
  }
  const keys = new Set<string>();
  const variants = new Set<string>();
  for (const r of out) keys.add(sortedKey(r.given, r.family));
  for (const r of out) {
    // Nickname variants: either part may be the given name (apps swap them).
    for (const [part, forms, other] of [
      [r.given, r.givenForms, r.family],
      [r.family, r.familyForms, r.given],
    ] as const) {
      if (!part) continue;
      for (const c of forms) {
        if (c === part) continue;
        variants.add(sortedKey(c, other));
        if (r.han && other && !anyKana) variants.add(sortedKey(givenPinyin(c), familyPinyin(other)));
        else if (r.han && !other && !anyKana) variants.add(givenPinyin(c));
      }
    }
  }
  keys.delete('');
  for (const k of keys) variants.delete(k);
  variants.delete('');
  return { readings: out, nameKeys: [...keys], variantKeys: variants.size === 0 ? none : [...variants] };
}

function readingsOf(fields: ContactFields): NameInfo {
  if (fields.kind === 'organization') {
    // A company card is named by its organisation: compare that, not a person's name.
    const org = fields.organizations[0]?.name || fields.formattedName;
    const key = compactKey(org);
    if (!key) return { readings: [], nameKeys: none, variantKeys: none };
    return { readings: [{ given: key, family: '', via: 'written', han: hasHan(org), givenForms: [key], familyForms: none }], nameKeys: [key], variantKeys: none };
  }
  const n = fields.name;
  const sig = `${n.given}\u0001${n.family}\u0001${fields.formattedName}\u0001${n.phoneticGiven}\u0001${n.phoneticFamily}`;
  let hit = readingCache.get(sig);
  if (!hit) {
    hit = computeReadings(fields);
    if (readingCache.size >= READING_CACHE_LIMIT) readingCache.clear();
    readingCache.set(sig, hit);
  }
  return hit;
}

function emailFeature(raw: string): EmailFeature | null {
  const key = emailKey(raw);
  const at = key.lastIndexOf('@');
  if (at <= 0) return null;
  const local = key.slice(0, at);
  const loose = (local.split('+')[0] ?? '').replace(/\./g, '');
  const domain = key.slice(at + 1);
  // Gmail ignores dots and +tags (model/normalize/email.ts gmailCanonical), from the key already made.
  const gmail = domain === 'gmail.com' || domain === 'googlemail.com' ? (loose ? `${loose}@gmail.com` : null) : null;
  return { raw, key, domain, loose, gmail };
}

/** Extension forms as in model/normalize/phone.ts: "x12", "ext. 12", ";ext=12", "#12", ",12". */
const extensionPattern = /(?:;\s*ext=|\s*(?:ext\.?|extension|x|#)\s*|\s*[,;]+\s*)(\d+)\s*$/i;

/** A phone as the finder compares it; null for something too short to be a number. */
export function phoneFeatureOf(raw: string, label: string | null): PhoneFeature | null {
  const text = raw.normalize('NFKC').trim().replace(/^tel:/i, '');
  const m = extensionPattern.exec(text);
  const main = m && m.index > 0 ? text.slice(0, m.index) : text;
  const extension = m && m.index > 0 ? (m[1] ?? '') : '';
  const digits = main.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const international = main.trimStart().startsWith('+') || digits.startsWith('00');
  const suffix = digits.length >= 7 ? `${digits.slice(-7)}${extension ? `;${extension}` : ''}` : null;
  return { raw: raw.trim(), label, digits, extension, international, suffix, count: 0 };
}

export function duplicateFeatures(fields: ContactFields): DupFeatures {
  const { readings, nameKeys, variantKeys } = readingsOf(fields);
  const emails: EmailFeature[] = fields.emails.length === 0 ? noEmails : [];
  for (const e of fields.emails) {
    const f = emailFeature(e.value);
    if (f && !emails.some((x) => x.key === f.key)) emails.push(f);
  }
  const phones: PhoneFeature[] = fields.phones.length === 0 ? noPhones : [];
  for (const p of fields.phones) {
    const f = phoneFeatureOf(p.value, p.label);
    if (f && !phones.some((x) => x.digits === f.digits && x.extension === f.extension)) phones.push(f);
  }
  const orgs: string[] = fields.organizations.length === 0 ? none : [];
  const orgNames: string[] = fields.organizations.length === 0 ? none : [];
  for (const o of fields.organizations) {
    const key = orgKey(o.name);
    if (key) {
      orgs.push(key);
      orgNames.push(o.name);
    }
  }
  return {
    kind: fields.kind,
    formattedName: fields.formattedName,
    givenName: fields.name.given,
    familyName: fields.name.family,
    readings,
    nicknames: fields.nicknames.length === 0 ? none : fields.nicknames.map(compactKey).filter((n) => n.length > 0),
    emails,
    phones,
    birthday: fields.birthday && (fields.birthday.month !== null || fields.birthday.year !== null) ? fields.birthday : null,
    orgs,
    orgNames,
    orgCounts: orgs.length === 0 ? noCounts : orgs.map(() => 0),
    addresses: fields.addresses.length === 0 ? none : fields.addresses.map(addressKey).filter((a) => a.length > 0),
    nameKeys,
    variantKeys,
    nameCount: 0,
  };
}

/** The name as a person reads it, for reasons ("张伟", "Zhang Wei"); built only when a reason is written. */
export function displayOf(f: DupFeatures): string {
  const parts = cleanText(f.formattedName) || (f.readings[0]?.han && !/\s/.test(`${f.givenName}${f.familyName}`.trim()) ? cleanText(`${f.familyName}${f.givenName}`) : cleanText(`${f.givenName} ${f.familyName}`));
  // Hanzi names are written family name first and without a space (王伟), as display.ts does not know.
  return parts || cleanText(f.orgNames[0] ?? '');
}

/** A local part worth blocking on: long enough and not a role address (info@, sales@). */
export function distinctiveLocal(loose: string): boolean {
  return loose.length >= 4 && !genericLocals.has(loose) && /\p{L}/u.test(loose);
}

/** A Latin name part written as a single letter ("J." compacts to "j"). */
const isInitial = (part: string): boolean => part.length === 1 && part >= 'a' && part <= 'z';

/**
 * Kinds of duplicate-finder keys: exact email ('e'), distinctive local part ('el', which meets
 * Gmail dots and other domains), phone suffix ('ps', which meets +86 / 0086 / national formats),
 * order-free name keys with pinyin ('n') and their nickname variants ('nn'), organisation ('o',
 * counted only, never a block: colleagues are not duplicates for working together), organisation +
 * family name + initial ('of'), full birthday + first letter of a name part ('bd', which meets a
 * misspelt name: one part keeps its first letter), and initials ('i' for everyone, 'ip' for
 * initial-only names: an 'ip' contact is compared with the 'i' contacts of its key, those not with
 * each other).
 */
export type KeyKind = 'e' | 'el' | 'ps' | 'n' | 'nn' | 'o' | 'of' | 'bd' | 'i' | 'ip';

/** A key as parts, so the in-memory scan can hash it without building the string. */
export type KeyVisitor = (kind: KeyKind, a: string, b?: string, c?: string) => void;

/** Calls `emit` once per key of the contact (a key may repeat: callers de-duplicate). */
export function visitDuplicateKeys(f: DupFeatures, emit: KeyVisitor): void {
  for (const e of f.emails) {
    emit('e', e.key);
    if (distinctiveLocal(e.loose)) emit('el', e.loose);
  }
  for (const p of f.phones) if (p.suffix) emit('ps', p.suffix);
  for (const k of f.nameKeys) emit('n', k);
  for (const k of f.variantKeys) emit('nn', k);
  for (const org of f.orgs) emit('o', org);
  const b = f.birthday;
  // Only a full date: day and month alone are shared by one contact in 365, too many for a block.
  if (b && b.year !== null && b.month !== null && b.day !== null) {
    const date = `${b.year}-${b.month}-${b.day}`;
    for (const r of f.readings) {
      if (r.given) emit('bd', date, r.given[0]);
      if (r.family) emit('bd', date, r.family[0]);
    }
  }
  for (const r of f.readings) {
    if (!r.given || !r.family) continue;
    // Colleagues share organisation and often family name; the given name's first letter keeps
    // the block to the people a typo could make of each other (nicknames meet in 'n'/'nn').
    for (const org of f.orgs) emit('of', org, r.family, r.given[0]);
    // Initials only mean something in Latin script as written (not for hanzi, nor their pinyin).
    if (r.han || r.via === 'pinyin') continue;
    emit('i', r.given[0]!, r.family);
    emit('i', r.family[0]!, r.given);
    if (isInitial(r.given)) emit('ip', r.given, r.family);
    if (isInitial(r.family)) emit('ip', r.family, r.given);
  }
}

/** The string form of a key, as stored in the blocking index ('ps:0138000', 'of:acme|smith|j'). */
export function keyString(kind: KeyKind, a: string, b = '', c = ''): string {
  switch (kind) {
    case 'of':
      return `of:${a}|${b}|${c}`;
    case 'bd':
      return `bd:${a}|${b}`;
    case 'i':
    case 'ip':
      return `i:${a} ${b}`;
    default:
      return `${kind}:${a}`;
  }
}

/**
 * The duplicate finder's keys kept in the hub's blocking index next to the linking keys ('e:',
 * 'p:', 'n:' from keys.ts), so the incremental refresh can find candidates of a changed contact
 * with indexed probes. Initials are left out: their blocks are huge and only initial-only names
 * need them, which the full scan covers.
 */
export function storedDuplicateKeys(f: DupFeatures): string[] {
  const out = new Set<string>();
  visitDuplicateKeys(f, (kind, a, b, c) => {
    if (kind === 'ps' || kind === 'el' || kind === 'nn' || kind === 'o' || kind === 'of' || kind === 'bd') out.add(keyString(kind, a, b, c));
  });
  return [...out];
}
