// Scores a candidate pair of hub contacts for the duplicate finder, with reasons a person can read
// ("same mobile +86 138 0013 8000", "张伟 ≈ Zhang Wei (pinyin)") and conflicting evidence that
// lowers the score (different birthdays, different phones in the same country, different names).
// Points are added per kind of evidence (the best single piece of each kind, so three shared
// phones do not outweigh a conflicting name) and scaled to 0..1: high ≥ 0.75 needs two
// independent strong facts (a shared email or phone and a compatible name), medium ≥ 0.45 one
// strong fact, or a rare name with something to back it.
// Reasons are only written when asked for: a full scan scores hundreds of thousands of pairs and
// keeps a few percent, so it scores without words first and explains the ones it keeps.
// Invariant: symmetric — scoreDuplicate(a, b) and scoreDuplicate(b, a) give the same score and tier.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import type { PartialDate } from '../../../shared/model/contact.ts';
import { englishReason, evidence } from '../../../shared/model/duplicate-reasons.ts';
import type { DuplicateEvidence, DuplicateReasonCode, PhoneLine } from '../../../shared/model/duplicate-reasons.ts';
import { dateKey } from '../model/normalize/index.ts';
import { displayOf } from './features.ts';
import type { DupFeatures, NameReading, PhoneFeature } from './features.ts';

import type { Tier } from './score.ts';

export interface DuplicateScore {
  score: number;
  tier: Tier;
  /** Empty when scored without explanation. */
  reasons: string[];
  /** The same as codes with variables (shared/model/duplicate-reasons.ts); empty when not explained. */
  evidence: DuplicateEvidence[];
  /** The raw sum of evidence, for tests and tuning. */
  points: number;
}

/** Evidence weights. One place, so tuning is a diff of this table. */
export const weights = {
  sameEmail: 5,
  gmailSame: 4.5,
  dotsOnly: 3,
  localElsewhere: 2,
  /** The same name-derived local part elsewhere ("john.smith@…"): namesakes pick those too, so it adds nothing to the name. */
  namedLocalElsewhere: 0,
  samePhone: 4.5,
  sharedPhone: 2,
  localPhone: 2.5,
  exactName: 3,
  nickname: 2.5,
  typo: 2,
  homophone: 1.5,
  initial: 1.5,
  /** Neither part the same but each close ("Sopia Hansen" / "Sophia Hasnen"): weak, yet not a different name. */
  twoSlips: 1,
  partialName: 1,
  uncommonName: 1.5,
  /** A name a handful of contacts share: still worth something next to nothing else. */
  rareName: 1,
  nameless: 1.5,
  differentNames: -4,
  differentSingleName: -2,
  sameBirthday: 2,
  /** Day, month and year: two people share one by chance about once in 20,000 pairs. */
  sameFullBirthday: 3,
  differentBirthdays: -3,
  phonesDiffer: -2,
  sameOrg: 1.5,
  /** An organisation many contacts share (a large employer): weak. */
  largeOrg: 0.5,
  sameAddress: 1.5,
} as const;

export const HIGH = 0.75;
export const MEDIUM = 0.45;
/** A phone number held by more contacts than this is a switchboard or family line. */
export const SHARED_PHONE = 4;
/** An organisation held by more contacts than this is a large employer. */
export const LARGE_ORG = 20;
/** A name held by at most this many contacts says something on its own. */
export const UNCOMMON_NAME = 3;
/** … and at most this many, a little less. */
export const RARE_NAME = 8;

export function tierOf(score: number): Tier {
  return score >= HIGH ? 'high' : score >= MEDIUM ? 'medium' : 'low';
}

type Vars = Record<string, string | number>;

/** Collects evidence; the codes and their variables are only built when the scorer was asked to explain. */
class Evidence {
  points = 0;
  /** Only when explaining: a scan scores most pairs without keeping them. */
  private readonly notes: { points: number; evidence: DuplicateEvidence }[] | null;
  constructor(explain: boolean) {
    this.notes = explain ? [] : null;
  }
  /** `code` may be a function when choosing it costs something (a name's display form). */
  add(points: number, code: DuplicateReasonCode | (() => DuplicateReasonCode), vars?: () => Vars): void {
    this.points += points;
    if (this.notes) this.notes.push({ points, evidence: evidence(typeof code === 'function' ? code() : code, vars ? vars() : {}) });
  }
  /** For first, strongest first; then against, strongest first. */
  evidence(): DuplicateEvidence[] {
    const notes = this.notes ?? [];
    const rank = (x: { points: number }) => (x.points >= 0 ? -x.points : 1000 + x.points);
    return [...notes].sort((x, y) => rank(x) - rank(y)).map((e) => e.evidence);
  }
}

// ---- names -------------------------------------------------------------------------------

type NameKind = 'exact' | 'swap' | 'pinyin' | 'nickname' | 'typo' | 'homophone' | 'initial' | 'typos' | 'partial';

const strength: Record<NameKind, number> = {
  exact: weights.exactName,
  swap: weights.exactName,
  pinyin: weights.exactName,
  nickname: weights.nickname,
  typo: weights.typo,
  homophone: weights.homophone,
  initial: weights.initial,
  typos: weights.twoSlips,
  partial: weights.partialName,
};

interface Relation {
  kind: NameKind;
  /** The parts that matched differently ("bob" / "robert") for the reason. */
  detail: [string, string] | null;
}

interface NameMatch extends Relation {
  viaA: NameReading['via'];
  viaB: NameReading['via'];
}

const latin = /^[a-z]+$/;

/** Damerau–Levenshtein distance, giving up above `max` (names are short; this is cheap). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * A spelling slip in a Latin name part: one edit in 4–7 letters, two in longer names; and one
 * dropped letter that leaves three ("Nora" / "Nra", "Carl" / "Cal"), when the first letter agrees
 * (slips at the start of a word are rare, and "Ann" / "Jan" are two names).
 */
export function typo(a: string, b: string): boolean {
  if (a === b || !latin.test(a) || !latin.test(b)) return false;
  const n = Math.min(a.length, b.length);
  if (n < 3) return false;
  if (n === 3) return Math.max(a.length, b.length) === 4 && a[0] === b[0] && editDistance(a, b, 1) <= 1;
  const max = n >= 8 ? 2 : 1;
  return editDistance(a, b, max) <= max;
}

const isInitialOf = (initial: string, name: string) => initial.length === 1 && latin.test(initial) && name.length > 1 && name.startsWith(initial);

/** Two different given names that stand for one ("bob" and "robert" both stand for robert). */
function formsMeet(x: readonly string[], y: readonly string[]): boolean {
  for (const k of x) if (y.includes(k)) return true;
  return false;
}

function givenCompatible(g1: string, f1: string[], g2: string, f2: string[], nick1: string[], nick2: string[]): NameKind | null {
  if (formsMeet(f1, f2) || nick1.includes(g2) || nick2.includes(g1)) return 'nickname';
  if (isInitialOf(g1, g2) || isInitialOf(g2, g1)) return 'initial';
  if (typo(g1, g2)) return 'typo';
  return null;
}

/**
 * One orientation of b against a: when one slot holds the same part on both cards, the other
 * slot's parts may still be compatible (a nickname, an initial, a slip). Either slot may be the
 * exact one: apps swap given and family name, so the "family" slot can hold the given name.
 */
function orient(a: NameReading, g2: string, g2Forms: string[], f2: string, f2Forms: string[], nickA: string[], nickB: string[]): Relation | null {
  let best: Relation | null = null;
  if (a.family === f2 && a.given !== g2) {
    const k = givenCompatible(a.given, a.givenForms, g2, g2Forms, nickA, nickB);
    if (k) best = { kind: k, detail: [a.given, g2] };
  }
  if (a.given === g2 && a.family !== f2) {
    const k = givenCompatible(a.family, a.familyForms, f2, f2Forms, nickA, nickB);
    if (k && (!best || strength[k] > strength[best.kind])) best = { kind: k, detail: [a.family, f2] };
  }
  return best;
}

function relate(a: NameReading, b: NameReading, nickA: string[], nickB: string[]): Relation | null {
  const twoA = a.given !== '' && a.family !== '';
  const twoB = b.given !== '' && b.family !== '';
  if (twoA && twoB) {
    if (a.given === b.given && a.family === b.family) return { kind: 'exact', detail: null };
    if (a.given === b.family && a.family === b.given) return { kind: 'swap', detail: null };
    const x = orient(a, b.given, b.givenForms, b.family, b.familyForms, nickA, nickB);
    const y = orient(a, b.family, b.familyForms, b.given, b.givenForms, nickA, nickB);
    if (x && y) return strength[y.kind] > strength[x.kind] ? y : x;
    if (x || y) return x ?? y;
    // Copies edited twice can differ in both parts: a slip in the family name and a slip,
    // nickname or initial in the given name. Not a different name, but only weak evidence.
    const close = (g2: string, g2Forms: string[], f2: string) => typo(a.family, f2) && givenCompatible(a.given, a.givenForms, g2, g2Forms, nickA, nickB) !== null;
    if (close(b.given, b.givenForms, b.family) || close(b.family, b.familyForms, b.given)) return { kind: 'typos', detail: null };
    return null;
  }
  const single = twoA ? b : a;
  const full = twoA ? a : b;
  const s = single.given || single.family;
  if (!s) return null;
  const sForms = single.given ? single.givenForms : single.familyForms;
  if (!twoA && !twoB) {
    const t = full.given || full.family;
    if (s === t) return { kind: 'exact', detail: null };
    if (formsMeet(sForms, full.given ? full.givenForms : full.familyForms)) return { kind: 'nickname', detail: [s, t] };
    return null;
  }
  // "小明" against 王小明, "Smith" against John Smith: half a name, weak evidence.
  if (s === full.given || s === full.family) return { kind: 'partial', detail: null };
  if (formsMeet(sForms, full.givenForms)) return { kind: 'partial', detail: null };
  if ((twoA ? nickB : nickA).includes(full.given) || (twoA ? nickA : nickB).includes(s)) return { kind: 'partial', detail: null };
  return null;
}

function compareNames(a: DupFeatures, b: DupFeatures): NameMatch | 'different' | 'different-single' | 'unknown' {
  if (a.readings.length === 0 || b.readings.length === 0 || a.kind !== b.kind) return 'unknown';
  let best: NameMatch | null = null;
  for (const ra of a.readings) {
    for (const rb of b.readings) {
      const r = relate(ra, rb, a.nicknames, b.nicknames);
      if (!r) continue;
      let kind = r.kind;
      const pa = ra.via === 'pinyin';
      const pb = rb.via === 'pinyin';
      // Two hanzi names that only meet through pinyin are homophones (张伟 / 章伟): an input slip
      // or two people; a hanzi name meeting a Latin one through pinyin is the same name.
      if (pa && pb) {
        // Romanised spelling slips and initials say nothing about two hanzi names (王康慧 / 王洋慧).
        if (strength[kind] < weights.exactName && kind !== 'nickname') continue;
        kind = kind === 'nickname' ? kind : 'homophone';
      } else if ((pa || pb) && (kind === 'exact' || kind === 'swap')) kind = 'pinyin';
      if (!best || strength[kind] > strength[best.kind]) best = { kind, detail: r.detail, viaA: ra.via, viaB: rb.via };
    }
  }
  if (best) return best;
  const single = (f: DupFeatures) => f.readings.every((r) => !r.given || !r.family);
  return single(a) || single(b) ? 'different-single' : 'different';
}

const nameCodes: Record<Exclude<NameKind, 'exact'>, DuplicateReasonCode> = {
  swap: 'name.swapped',
  pinyin: 'name.pinyin',
  homophone: 'name.homophone',
  nickname: 'name.nickname',
  typo: 'name.spelling',
  typos: 'name.spelling',
  initial: 'name.initial',
  partial: 'name.partial',
};

function nameEvidence(m: NameMatch, a: DupFeatures, b: DupFeatures): DuplicateReasonCode {
  if (m.kind !== 'exact') return nameCodes[m.kind];
  if (displayOf(a) === displayOf(b)) return 'name.same';
  return m.viaA === 'phonetic' || m.viaB === 'phonetic' ? 'name.phonetic' : 'name.equivalent';
}

function nameVars(m: NameMatch, a: DupFeatures, b: DupFeatures): Vars {
  const [da, db] = [displayOf(a), displayOf(b)];
  if (m.kind === 'exact' && da === db) return { name: da };
  return m.kind === 'nickname' && m.detail ? { a: da, b: db, from: m.detail[0], to: m.detail[1] } : { a: da, b: db };
}

// ---- emails --------------------------------------------------------------------------------

/** Whether a local part is built from the person's name ("jsmith", "zhang.wei88"). */
function nameDerived(loose: string, f: DupFeatures): boolean {
  return f.readings.some((r) => (r.family.length >= 2 && loose.includes(r.family)) || (r.given.length >= 3 && loose.includes(r.given)));
}

/** Adds the best email evidence of the pair; returns its points (0: none). */
function compareEmails(fa: DupFeatures, fb: DupFeatures, ev: Evidence): number {
  let best = 0;
  let bx = -1;
  let by = -1;
  for (let i = 0; i < fa.emails.length; i++) {
    const x = fa.emails[i]!;
    for (let j = 0; j < fb.emails.length; j++) {
      const y = fb.emails[j]!;
      let points = 0;
      if (x.key === y.key) points = weights.sameEmail;
      else if (x.gmail !== null && x.gmail === y.gmail) points = weights.gmailSame;
      else if (x.loose === y.loose && x.loose.length >= 3) {
        if (x.domain === y.domain) points = weights.dotsOnly;
        else if (x.loose.length >= 4) points = nameDerived(x.loose, fa) || nameDerived(x.loose, fb) ? weights.namedLocalElsewhere : weights.localElsewhere;
      }
      if (points > best) [best, bx, by] = [points, i, j];
    }
  }
  if (best === 0) return 0;
  const x = fa.emails[bx]!;
  const y = fb.emails[by]!;
  const code: DuplicateReasonCode =
    best === weights.sameEmail ? (x.raw === y.raw ? 'email.same' : 'email.case') : best === weights.gmailSame ? 'email.gmail' : best === weights.dotsOnly ? 'email.dots' : 'email.localElsewhere';
  ev.add(best, code, (): Vars => (code === 'email.same' ? { email: x.raw } : code === 'email.localElsewhere' ? { local: x.loose, a: x.raw, b: y.raw } : { a: x.raw, b: y.raw }));
  return best;
}

// ---- phones --------------------------------------------------------------------------------

interface Line {
  /** Country calling code when the number was written with one ("86"); null for national formats. */
  cc: string | null;
  /** National significant number: no country code, no trunk 0. */
  nsn: string;
}

/** Country calling codes: a prefix-free set, so the first 1–3 digits of an international number name its country. */
const callingCodes = new Set(getCountries().map((c) => getCountryCallingCode(c) as string));

const lines = new WeakMap<PhoneFeature, Line>();

function lineOf(p: PhoneFeature): Line {
  let line = lines.get(p);
  if (line) return line;
  if (p.international) {
    const d = p.digits.startsWith('00') ? p.digits.slice(2) : p.digits;
    const cc = [1, 2, 3].map((k) => d.slice(0, k)).find((prefix) => callingCodes.has(prefix));
    // "+44 (0)20 …": the trunk 0 written after the country code is not part of the number.
    line = cc ? { cc, nsn: d.slice(cc.length).replace(/^0+/, '') } : { cc: null, nsn: d };
  } else {
    line = { cc: null, nsn: p.digits.replace(/^0+/, '') };
  }
  lines.set(p, line);
  return line;
}

type PhoneRelation = 'same' | 'local' | null;

/** The same line in any format: "+86 138 0013 8000", "0086 13800138000", "138-0013-8000". */
export function samePhone(a: PhoneFeature, b: PhoneFeature): PhoneRelation {
  if (a.extension !== b.extension) return null;
  if (a.digits === b.digits) return 'same';
  const x = lineOf(a);
  const y = lineOf(b);
  if (x.cc !== null && y.cc !== null) return x.cc === y.cc && x.nsn === y.nsn ? 'same' : null;
  if (x.nsn === y.nsn) return 'same';
  // A national number written with its country code but without "+" ("86 138…", "1 415…").
  if (x.cc !== null && y.nsn === x.cc + x.nsn) return 'same';
  if (y.cc !== null && x.nsn === y.cc + y.nsn) return 'same';
  // A local number without its area code.
  const [short, long] = x.nsn.length <= y.nsn.length ? [x.nsn, y.nsn] : [y.nsn, x.nsn];
  if (short.length >= 7 && long.length - short.length <= 4 && long.endsWith(short)) return 'local';
  return null;
}

const phoneLine = (p: PhoneFeature): PhoneLine => {
  const label = p.label?.toLowerCase() ?? '';
  return label === 'mobile' || label === 'iphone' || label === 'work mobile' ? 'mobile' : label === 'home' || label === 'work' ? label : 'phone';
};

/** Adds the best phone evidence of the pair; returns its points (0: none). */
function comparePhones(a: DupFeatures, b: DupFeatures, ev: Evidence): number {
  let best = 0;
  let bx: PhoneFeature | null = null;
  let by: PhoneFeature | null = null;
  let kind: 'same' | 'local' | 'shared' = 'same';
  for (const x of a.phones) {
    for (const y of b.phones) {
      const r = samePhone(x, y);
      if (!r) continue;
      const shared = Math.max(x.count, y.count) > SHARED_PHONE;
      const points = r === 'local' ? weights.localPhone : shared ? weights.sharedPhone : weights.samePhone;
      if (points > best) [best, bx, by, kind] = [points, x, y, r === 'local' ? 'local' : shared ? 'shared' : 'same'];
    }
  }
  if (!bx || !by) return 0;
  const x = bx;
  const y = by;
  const code: DuplicateReasonCode = kind === 'local' ? 'phone.local' : kind === 'shared' ? 'phone.shared' : x.raw === y.raw ? 'phone.same' : 'phone.formats';
  ev.add(best, code, (): Vars => (code === 'phone.same' ? { line: phoneLine(x), phone: x.raw } : { line: phoneLine(x), a: x.raw, b: y.raw }));
  return best;
}

/**
 * Both have phones, none in common, and two of them are the same kind of line in the same country
 * (two mobiles): likely two people. A home line on one card and a mobile on the other say nothing
 * against: people have both, and a copy often kept only one. An unlabelled number may be either.
 */
function phonesConflict(a: PhoneFeature[], b: PhoneFeature[]): string | null {
  for (const x of a) {
    for (const y of b) {
      const cx = lineOf(x).cc;
      if (cx !== lineOf(y).cc) continue;
      const [kx, ky] = [phoneLine(x), phoneLine(y)];
      if (kx === ky || kx === 'phone' || ky === 'phone') return cx ?? '';
    }
  }
  return null;
}

// ---- dates ---------------------------------------------------------------------------------

function compareBirthdays(x: PartialDate | null, y: PartialDate | null, ev: Evidence): void {
  if (!x || !y) return;
  const differs = (p: number | null, q: number | null) => p !== null && q !== null && p !== q;
  if (differs(x.year, y.year) || differs(x.month, y.month) || differs(x.day, y.day)) {
    ev.add(weights.differentBirthdays, 'birthday.different', () => ({ a: dateKey(x), b: dateKey(y) }));
  } else if (x.month !== null && x.day !== null && x.month === y.month && x.day === y.day) {
    ev.add(x.year !== null && x.year === y.year ? weights.sameFullBirthday : weights.sameBirthday, 'birthday.same', () => ({ date: dateKey(x.year !== null ? x : y) }));
  }
}

// ---- the pair ------------------------------------------------------------------------------

export function scoreDuplicate(a: DupFeatures, b: DupFeatures, explain = true): DuplicateScore {
  const ev = new Evidence(explain);
  const email = compareEmails(a, b, ev);
  const phone = comparePhones(a, b, ev);
  if (phone === 0 && a.phones.length > 0 && b.phones.length > 0) {
    const cc = phonesConflict(a.phones, b.phones);
    // A new number is common for the same person; it only counts fully when nothing else is shared.
    if (cc !== null) ev.add(email > 0 ? weights.phonesDiffer / 2 : weights.phonesDiffer, cc ? 'phone.differentCountry' : 'phone.different', (): Vars => (cc ? { country: cc } : {}));
  }
  const strong = email >= weights.dotsOnly || phone >= weights.localPhone;
  const names = compareNames(a, b);
  const differ = () => ({ a: displayOf(a), b: displayOf(b) });
  if (names === 'different') ev.add(weights.differentNames, 'name.different', differ);
  else if (names === 'different-single') ev.add(weights.differentSingleName, 'name.different', differ);
  else if (names === 'unknown') {
    if (strong) ev.add(weights.nameless, 'name.missing');
  } else {
    ev.add(
      strength[names.kind],
      () => nameEvidence(names, a, b),
      () => nameVars(names, a, b),
    );
    const count = Math.max(a.nameCount, b.nameCount);
    if (count > 0 && count <= RARE_NAME && (names.kind === 'exact' || names.kind === 'swap' || names.kind === 'pinyin')) {
      const full = (f: DupFeatures) => f.readings.some((r) => r.given !== '' && r.family !== '');
      if (full(a) && full(b)) {
        if (count <= UNCOMMON_NAME) ev.add(weights.uncommonName, 'name.uncommon');
        else ev.add(weights.rareName, 'name.rare', () => ({ count }));
      }
    }
  }
  compareBirthdays(a.birthday, b.birthday, ev);
  for (let i = 0; i < a.orgs.length; i++) {
    const j = b.orgs.indexOf(a.orgs[i]!);
    if (j >= 0) {
      const org = a.orgNames[i]!.trim();
      const large = Math.max(a.orgCounts[i] ?? 0, b.orgCounts[j] ?? 0) > LARGE_ORG;
      ev.add(large ? weights.largeOrg : weights.sameOrg, large ? 'org.large' : 'org.same', () => ({ org }));
      break;
    }
  }
  if (a.addresses.length > 0 && a.addresses.some((x) => b.addresses.includes(x))) ev.add(weights.sameAddress, 'address.same');

  const score = Math.round(Math.max(0, Math.min(1, ev.points / 10)) * 100) / 100;
  const found = explain ? ev.evidence() : [];
  return { score, tier: tierOf(score), reasons: found.map(englishReason), evidence: found, points: ev.points };
}
