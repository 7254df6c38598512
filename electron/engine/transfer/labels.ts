// Labels as spreadsheets spell them ("* Mobile", "Work Fax", "Business", "手机") ⇄ the canonical
// lower-case vocabulary of shared/model/contact.ts. Google's CSV marks the primary value with a
// leading "* " in the label cell ("* Home", or "* " alone for an unlabelled primary value).
// Invariant: a label Concord does not know is kept verbatim (custom labels survive a round trip);
// only well-known words change case.
import { wellKnownLabels } from '../../../shared/model/contact.ts';
import type { Label } from '../../../shared/model/contact.ts';

/** Relation words (X-ABRELATEDNAMES, Google relations) are lower case in the canonical model too. */
const relationLabels = ['spouse', 'child', 'mother', 'father', 'parent', 'brother', 'sister', 'friend', 'relative', 'domestic partner', 'partner', 'manager', 'assistant', 'referred by'];
const known = new Set<string>([...wellKnownLabels, ...relationLabels]);

/** Spellings other tools use for well-known labels (lower case). */
const synonyms: Record<string, string> = {
  cell: 'mobile',
  'cell phone': 'mobile',
  mobile: 'mobile',
  'mobile phone': 'mobile',
  handy: 'mobile',
  business: 'work',
  office: 'work',
  personal: 'home',
  private: 'home',
  'business fax': 'work fax',
  'home page': 'homepage',
  手机: 'mobile',
  移动电话: 'mobile',
  住宅: 'home',
  家庭: 'home',
  工作: 'work',
  单位: 'work',
  商务: 'work',
  其他: 'other',
  传真: 'work fax',
};

/** A label cell → canonical label and whether it marks the primary value. */
export function readLabel(text: string): { label: Label; primary: boolean } {
  let t = text.trim();
  let primary = false;
  if (t.startsWith('*')) {
    primary = true;
    t = t.slice(1).trim();
  }
  if (!t) return { label: null, primary };
  return { label: canonicalLabel(t), primary };
}

export function canonicalLabel(text: string): Label {
  const t = text.trim();
  if (!t) return null;
  const lower = t.toLowerCase().replace(/\s+/g, ' ');
  if (known.has(lower)) return lower;
  return synonyms[lower] ?? t;
}

/** Item key of a mapping path → label: digits mean "no label"; "work#2" is a second "work". */
export function labelFromKey(key: string | null): Label {
  if (key === null) return null;
  const base = key.replace(/#\d+$/, '').trim();
  if (!base || /^\d+$/.test(base)) return null;
  return canonicalLabel(base);
}

/** Canonical label → how Google and Outlook print it ("work fax" → "Work Fax"); custom labels verbatim. */
export function displayLabel(label: Label): string {
  if (label === null) return '';
  if (!known.has(label)) return label;
  return label.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

const knownServices = new Set(['aim', 'msn', 'yahoo', 'skype', 'qq', 'icq', 'jabber', 'xmpp', 'google talk', 'hangouts', 'wechat', 'line', 'facebook', 'whatsapp', 'telegram', 'signal']);

/** IM service as written → canonical: known protocols in lower case, custom ones verbatim. */
export function canonicalService(text: string): string {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === '微信') return 'wechat';
  return knownServices.has(lower) ? lower : t;
}
