// Result types of the field-level three-way merge (DESIGN.md §4.2).
// Invariant: a conflict names one field or list item by a stable, readable path and carries the
// three stored values, so the UI can show base / ours / theirs without recomputing anything.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { NormalizeOptions } from '../normalize/semantic.ts';

/**
 * One field the two sides changed differently. Paths:
 * - scalars: 'kind', 'name.given' (the name merges per component), 'formattedName', 'birthday', 'note', 'photo';
 * - a part of a list item: 'emails[ann@example.org].label', 'organizations[acme].title',
 *   'customFields[employee id].value' (the item's normalised key in brackets; `\`, `]` and `#`
 *   escaped with `\`; a repeated key gets '#2', '#3', … in list order);
 * - a whole item one side removed and the other changed: 'phones[+8613800138000]' (null on the
 *   removing side);
 * - which items are primary, when the sides chose differently: 'emails.primary' (values are the
 *   primary items of each side).
 * base is null when there is no base (first link) or the item did not exist in it.
 */
export interface FieldConflict {
  path: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** The merge; for each conflicting field it holds OURS (the hub's value): nothing is applied silently. */
  merged: ContactFields;
  conflicts: FieldConflict[];
}

export type MergeOptions = NormalizeOptions;
