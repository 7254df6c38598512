// Keys for the small list values: group names, nicknames, related people, custom-field keys,
// labels and dates. Each says which differences do not count as a different value.
// Invariant: a key is '' only for an empty value.
import type { Label, PartialDate } from '../../../../shared/model/contact.ts';
import { compactKey, foldCase, wordsKey } from './text.ts';

/** Group (label) names: case-folded only. "Friends" and "friends" are one group; "Café" ≠ "Cafe". */
export function groupKey(name: string): string {
  return foldCase(name);
}

/** Nicknames: case and accents folded, spacing ignored ("Jean-Luc" = "jean luc"). */
export function nicknameKey(nickname: string): string {
  return compactKey(nickname);
}

/** A related person's name: case, accents and punctuation folded, word boundaries kept. */
export function relationKey(name: string): string {
  return wordsKey(name);
}

/** Custom field keys are labels: case-folded ("Employee ID" = "employee id"). */
export function customFieldKey(key: string): string {
  return foldCase(key);
}

/** Labels compare case-folded ("MOBILE" = "mobile", peers.md §3.1); '' means no label. */
export function labelKey(label: Label): string | null {
  if (label === null) return null;
  return foldCase(label) || null;
}

/** "1990-04-15", "????-04-15" (no year), "1990-04-??": unknown parts stay visible. */
export function dateKey(date: PartialDate): string {
  const pad = (n: number | null, width: number) => (n === null ? '?'.repeat(width) : String(n).padStart(width, '0'));
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
