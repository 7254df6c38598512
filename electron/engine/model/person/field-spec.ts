// The shape of one Person field's mapping (fields/ holds one per field): how its items read into
// canonical items and write back, and which item keys Concord owns.
// Invariant: every key of a Google item is in exactly one class — modelled (Concord writes it and
// replaces it on a changed item), derived (Google computes it from the modelled keys: kept while
// the item is unchanged, dropped once it changed so Google recomputes it), output only (never
// sent, google-people-api.md §2.2, §10 item 5) or, by default, unmodelled: kept verbatim from the
// raw item, so a write never loses what Concord does not understand (§12 item 14).
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { MappedField } from './types.ts';

export type Warn = (message: string) => void;

export interface FieldSpec<C, G extends object> {
  /** The Person field, which is also its `updatePersonFields` path (§1.3). */
  readonly path: MappedField;
  /** Contacts carry at most one item: names, birthdays, biographies (§2.2, §10 item 13). */
  readonly singleton: boolean;
  readonly modelled: readonly string[];
  readonly derived: readonly string[];
  readonly outputOnly: readonly string[];
  /** The field's canonical items in `fields`. */
  get(fields: ContactFields): C[];
  /** Stores the items read from a Person into `fields` (replacing what was there). */
  set(fields: ContactFields, items: C[]): void;
  /** A contact item → its canonical item; null when it carries nothing Concord models. */
  read(item: G, warn: Warn): C | null;
  /** The modelled keys of a canonical item (no metadata); null when Google cannot carry it. */
  write(item: C): Record<string, unknown> | null;
  /** Identity of an item across edits, used to keep the unmodelled keys of an edited item. */
  key(item: C): string;
  /** For fields whose canonical items carry `primary` (emails, phones, addresses, urls, relations). */
  readonly primary?: {
    get(item: C): boolean;
    set(item: C, value: boolean): C;
  };
}

/** A spec with its item types erased, for code that walks all fields (methods are bivariant). */
export type AnyFieldSpec = FieldSpec<unknown, object>;

/** The written form of string properties: empty strings are omitted (proto3 JSON, §1.2). */
export function compact(values: Record<string, string | null | undefined>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value) out[key] = value;
  return Object.keys(out).length > 0 ? out : null;
}

export function text(value: string | null | undefined): string {
  return value ?? '';
}

export const primaryFlag = {
  get: (item: { primary: boolean }): boolean => item.primary,
  set: <T extends { primary: boolean }>(item: T, value: boolean): T => ({ ...item, primary: value }),
};
