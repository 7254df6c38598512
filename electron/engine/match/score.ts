// Scores how likely two contacts are the same person, with reasons a person can read.
// Strong evidence: a shared email or phone; a compatible name confirms it. Conflicting evidence
// (two different names, different birthdays) lowers the score. Tiers: high links automatically
// during sync, medium becomes a suggestion (never a silent merge, never a duplicate pushed out).
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';
import { contactKeys } from './keys.ts';
import type { ContactKeys } from './keys.ts';

export type Tier = 'high' | 'medium' | 'low';

export interface MatchScore {
  score: number;
  tier: Tier;
  reasons: string[];
}

const overlap = (a: string[], b: string[]): string[] => a.filter((x) => b.includes(x));

function birthdaysDiffer(a: ContactFields, b: ContactFields): boolean {
  const x = a.birthday;
  const y = b.birthday;
  if (!x || !y) return false;
  const differs = (p: number | null, q: number | null) => p !== null && q !== null && p !== q;
  return differs(x.year, y.year) || differs(x.month, y.month) || differs(x.day, y.day);
}

export function scorePair(a: ContactFields, b: ContactFields, options: NormalizeOptions, keysA?: ContactKeys, keysB?: ContactKeys): MatchScore {
  const ka = keysA ?? contactKeys(a, options);
  const kb = keysB ?? contactKeys(b, options);
  const reasons: string[] = [];
  let score = 0;
  const emails = overlap(ka.emails, kb.emails);
  const phones = overlap(ka.phones, kb.phones);
  const names = overlap(ka.names, kb.names);
  if (emails.length > 0) {
    score += 0.6;
    reasons.push(`same email ${emails[0]}`);
  }
  if (phones.length > 0) {
    score += 0.5;
    reasons.push(`same phone ${phones[0]}`);
  }
  const bothNamed = ka.names.length > 0 && kb.names.length > 0;
  if (names.length > 0) {
    score += 0.4;
    reasons.push('same name');
  } else if (bothNamed) {
    score -= 0.35;
    reasons.push('names differ');
  } else if (emails.length + phones.length > 0) {
    // One side has no name at all (a bare email card): the shared address carries the match.
    score += 0.3;
  }
  if (birthdaysDiffer(a, b)) {
    score -= 0.4;
    reasons.push('different birthdays');
  }
  const clamped = Math.max(0, Math.min(1, score));
  const tier: Tier = clamped >= 0.9 ? 'high' : clamped >= 0.4 ? 'medium' : 'low';
  return { score: clamped, tier, reasons };
}
