// vCard labels ⇄ canonical labels (the lower-case vocabulary of shared/model/contact.ts).
// Two carriers: TYPE parameters (RFC 6350 §5.6, RFC 2426 §3; Apple adds IPHONE and MAIN and writes
// OTHER) and Apple's grouped `itemN.X-ABLabel` (carddav-icloud.md §4.2), whose built-in labels
// are wrapped as `_$!<Other>!$_` and whose custom labels are plain text.
// Invariants: an X-ABLabel wins over TYPE (Apple writes both, the label is what the user sees);
// custom labels are verbatim in both directions (a custom "Work" stays "Work"); for every label L
// the writer chooses a carrier from which the reader gets L back (a label the TYPE table cannot
// express goes to X-ABLabel); TYPE tokens that are not labels (INTERNET, VOICE, PREF, …) are ignored.
import type { Label } from '../../../../shared/model/contact.ts';
import type { VCardVersion } from './types.ts';

export type LabelKind = 'email' | 'phone' | 'address' | 'url' | 'im' | 'relation' | 'date';

/** Apple's built-in label names (inside `_$!<…>!$_`) for canonical labels. */
const appleNames: [string, string][] = [
  ['home', 'Home'],
  ['work', 'Work'],
  ['other', 'Other'],
  ['mobile', 'Mobile'],
  ['main', 'Main'],
  ['pager', 'Pager'],
  ['home fax', 'HomeFAX'],
  ['work fax', 'WorkFAX'],
  ['other fax', 'OtherFAX'],
  ['homepage', 'HomePage'],
  ['anniversary', 'Anniversary'],
  ['spouse', 'Spouse'],
  ['child', 'Child'],
  ['mother', 'Mother'],
  ['father', 'Father'],
  ['parent', 'Parent'],
  ['brother', 'Brother'],
  ['sister', 'Sister'],
  ['friend', 'Friend'],
  ['assistant', 'Assistant'],
  ['manager', 'Manager'],
  ['partner', 'Partner'],
];
const appleOfLabel = new Map(appleNames);
const labelOfApple = new Map(appleNames.map(([label, apple]) => [apple.toLowerCase(), label]));

const wrapped = /^_\$!<(.*)>!\$_$/s;

/** X-ABLabel text → label: `_$!<HomeFAX>!$_` → 'home fax', other built-ins lower-cased, custom text verbatim. */
export function labelFromAbLabel(text: string): Label {
  const m = wrapped.exec(text);
  if (m) {
    const inner = (m[1] ?? '').trim().toLowerCase();
    return labelOfApple.get(inner) ?? (inner || null);
  }
  return text === '' ? null : text;
}

/** Label → X-ABLabel text: Apple's wrapped form for its built-ins (so iOS shows them localised), else verbatim. */
export function abLabelFor(label: string): string {
  const apple = appleOfLabel.get(label);
  return apple ? `_$!<${apple}>!$_` : label;
}

/** TYPE tokens that never are labels: capabilities, transport, preference. */
const notLabels = new Set([
  'PREF',
  'INTERNET',
  'X400',
  'VOICE',
  'MSG',
  'BBS',
  'MODEM',
  'ISDN',
  'PCS',
  'TEXT',
  'TEXTPHONE',
  'VIDEO',
  'DOM',
  'INTL',
  'POSTAL',
  'PARCEL',
  'ENCODING',
]);

const simpleTokens = new Map([
  ['HOME', 'home'],
  ['WORK', 'work'],
  ['OTHER', 'other'],
  ['CELL', 'mobile'],
  ['MAIN', 'main'],
  ['PAGER', 'pager'],
  ['IPHONE', 'iphone'],
  ['SCHOOL', 'school'],
  ['BLOG', 'blog'],
  ['PROFILE', 'profile'],
  ['HOMEPAGE', 'homepage'],
]);

/**
 * TYPE tokens (as written) → label. Phones combine tokens (HOME+FAX = 'home fax', WORK+CELL =
 * 'work mobile', Android's work pager); an unknown token is a custom label: `X-Grandma` (Android's
 * custom labels) → 'Grandma', anything else lower-cased (TYPE values are case-insensitive).
 */
export function labelFromTypes(kind: LabelKind, tokens: readonly string[]): Label {
  if (tokens.length === 0) return null;
  const upper = new Set<string>();
  let custom: string | null = null;
  for (const t of tokens) {
    const u = t.toUpperCase();
    if (notLabels.has(u)) continue;
    upper.add(u);
    if (custom === null && !simpleTokens.has(u) && u !== 'FAX') custom = /^X-./i.test(t) ? t.slice(2) : t.toLowerCase();
  }
  if (upper.size === 0) return null;
  if (kind === 'phone') {
    if (upper.has('IPHONE')) return 'iphone';
    if (upper.has('FAX')) return upper.has('HOME') ? 'home fax' : upper.has('WORK') ? 'work fax' : 'other fax';
    if (upper.has('PAGER')) return upper.has('WORK') ? 'work pager' : 'pager';
    if (upper.has('CELL')) return upper.has('WORK') ? 'work mobile' : 'mobile';
  }
  for (const u of upper) {
    const simple = simpleTokens.get(u);
    if (simple) return simple;
  }
  return custom ?? (kind === 'phone' && upper.has('FAX') ? 'other fax' : null);
}

const phoneTypes = new Map<string, string[]>([
  ['home', ['HOME', 'VOICE']],
  ['work', ['WORK', 'VOICE']],
  ['mobile', ['CELL', 'VOICE']],
  ['iphone', ['IPHONE', 'CELL', 'VOICE']],
  ['main', ['MAIN']],
  ['home fax', ['HOME', 'FAX']],
  ['work fax', ['WORK', 'FAX']],
  ['other fax', ['OTHER', 'FAX']],
  ['pager', ['PAGER']],
  ['other', ['OTHER', 'VOICE']],
]);

const homeWork = new Map([
  ['home', ['HOME']],
  ['work', ['WORK']],
]);

/** RFC 6350 §6.6.6 RELATED types that are canonical relation labels too. */
const relatedTypes = new Set([
  'contact',
  'acquaintance',
  'friend',
  'met',
  'co-worker',
  'colleague',
  'co-resident',
  'neighbor',
  'child',
  'parent',
  'sibling',
  'spouse',
  'kin',
  'muse',
  'crush',
  'date',
  'sweetheart',
  'me',
  'agent',
  'emergency',
]);

/**
 * TYPE tokens that carry a label (3.0: Apple's upper case; 4.0: lower case, RFC 6350 examples),
 * or null when the label needs an X-ABLabel. A null label gives [].
 */
export function typesForLabel(kind: LabelKind, label: Label, version: VCardVersion): string[] | null {
  if (label === null || label === '') return [];
  let tokens: string[] | undefined;
  if (kind === 'phone') tokens = phoneTypes.get(label);
  else if (kind === 'email' || kind === 'address' || kind === 'url' || kind === 'im') tokens = homeWork.get(label);
  else if (kind === 'relation' && version === '4.0' && relatedTypes.has(label)) tokens = [label];
  if (!tokens) return null;
  return version === '4.0' ? tokens.map((t) => t.toLowerCase()) : tokens;
}
