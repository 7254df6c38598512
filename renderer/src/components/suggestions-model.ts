// The Merge suggestions screen's view model, pure: the reasons in the user's language (from the
// engine's evidence codes when it sends them, its English reasons otherwise), which fields differ
// between the cards, and a preview of the merged contact that follows the engine's rule
// (electron/engine/hub/merge.ts): chosen fields come from one card, every other list is the union.
// Invariant: the preview only ever shows values some card holds; it invents nothing.
import type { Contact, ContactFields } from '../../../shared/model/contact.ts';

/** The fields duplicates.merge lets the user take from one card (contract.ts mergeChoices). */
export const choiceFields = ['name', 'kind', 'organizations', 'birthday', 'note', 'photo'] as const;
export type ChoiceField = (typeof choiceFields)[number];
export type Choices = Partial<Record<ChoiceField, string>>;

/** The list fields a merge unites, in the order the preview shows them. */
export const unionFields = ['emails', 'phones', 'addresses', 'urls', 'ims', 'relations', 'nicknames', 'dates', 'groups', 'customFields'] as const;
export type UnionField = (typeof unionFields)[number];

/** One piece of evidence as the engine sends it (shared/model/duplicate-reasons.ts DuplicateEvidence). */
export interface Evidence {
  code: string;
  vars: Record<string, string | number>;
  against: boolean;
}

export interface Reason {
  text: string;
  against: boolean;
}

type Translate = (code: string, vars: Record<string, string | number>) => string | null;

/**
 * The reasons to show: each evidence item translated when the catalogue knows its code, else the
 * engine's English sentence at the same position; without evidence (an engine from before the
 * codes), the English reasons. Reasons against ("different birthdays") are marked so the screen
 * can set them apart.
 */
export function reasonsOf(item: { reasons: readonly string[]; evidence?: readonly Evidence[] }, translate: Translate): Reason[] {
  const evidence = item.evidence;
  if (!evidence || evidence.length === 0) return item.reasons.map((text) => ({ text, against: /^(different|names differ|not )/i.test(text) }));
  return evidence.map((e, i) => ({ text: translate(e.code, e.vars) ?? item.reasons[i] ?? e.code, against: e.against }));
}

/** A 0..1 score as a whole percentage. */
export const scorePercent = (score: number): number => Math.round(Math.max(0, Math.min(1, score)) * 100);

/** A choice field's value; the name includes the formatted name, which the choice carries with it. */
const fieldOf = (f: ContactFields, field: ChoiceField): unknown => (field === 'name' ? { name: f.name, formattedName: f.formattedName } : f[field]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isBlank = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The choice fields on which the cards hold different, non-empty values: only these need a choice. */
export function differingFields(members: readonly Contact[]): ChoiceField[] {
  return choiceFields.filter((field) => {
    const values = members.map((m) => fieldOf(m.fields, field)).filter((v) => !isBlank(v));
    return values.some((v) => !same(v, values[0]));
  });
}

/** Fields whose default (no choice) keeps every card's value: notes are joined, organisations united. */
export const combinedByDefault: readonly ChoiceField[] = ['note', 'organizations'];

/**
 * The card a choice field comes from: the user's pick, else the survivor when it has a value,
 * else the first card that has one (hub/merge.ts `pick`). null: the field combines every card's.
 */
export function sourceOf(members: readonly Contact[], survivorId: string, choices: Choices, field: ChoiceField): Contact | null {
  const picked = choices[field];
  if (picked !== undefined) return members.find((m) => m.id === picked) ?? null;
  if (combinedByDefault.includes(field)) return null;
  const survivor = members.find((m) => m.id === survivorId);
  const empty = (m: Contact) => (field === 'name' ? !(m.fields.formattedName.trim() || m.fields.name.given.trim() || m.fields.name.family.trim()) : field === 'kind' ? m.fields.kind === 'individual' : isBlank(fieldOf(m.fields, field)));
  if (survivor && !empty(survivor)) return survivor;
  return members.find((m) => !empty(m)) ?? survivor ?? null;
}

/** Keys that make two list items "the same" for the preview: emails by case, phones by digits. */
function itemKey(item: unknown, field: string): string {
  if (field === 'emails') return (item as { value: string }).value.trim().toLowerCase();
  if (field === 'phones') return (item as { value: string }).value.replace(/\D/g, '');
  if (typeof item === 'string') return item.trim().toLowerCase();
  return JSON.stringify(item);
}

/**
 * Whether two keys are one item. Phones: the same line written with and without its country code
 * ("+1 415 555 0101" and "(415) 555-0101") — one number's digits end the other's, and they share
 * at least 7 (the engine decides with libphonenumber; the preview only needs to agree on these).
 */
function sameKey(a: string, b: string, field: string): boolean {
  if (a === b) return true;
  if (field !== 'phones') return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 7 && long.endsWith(short);
}

function unite<T>(lists: readonly (readonly T[])[], field: string): T[] {
  const seen: string[] = [];
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      const key = itemKey(item, field);
      if (seen.some((k) => sameKey(k, key, field))) continue;
      seen.push(key);
      out.push(structuredClone(item));
    }
  }
  return out;
}

/** The merged contact as the preview shows it (the engine's rule, without its nickname and reading extras). */
export function mergePreview(members: readonly Contact[], survivorId: string, choices: Choices): ContactFields {
  const survivor = members.find((m) => m.id === survivorId) ?? members[0];
  if (!survivor) throw new Error('a merge needs at least one contact');
  // The survivor's items first, then what the others add (the engine keeps the survivor's order).
  const ordered = [survivor, ...members.filter((m) => m.id !== survivor.id)];
  const out = structuredClone(survivor.fields);
  const all = ordered.map((m) => m.fields);
  for (const field of unionFields) (out as unknown as Record<string, unknown>)[field] = unite(all.map((f) => f[field] as unknown[]), field);
  const from = (field: ChoiceField) => sourceOf(ordered, survivor.id, choices, field)?.fields ?? null;
  const name = from('name') ?? survivor.fields;
  out.name = structuredClone(name.name);
  out.formattedName = name.formattedName;
  out.kind = (from('kind') ?? survivor.fields).kind;
  out.photo = structuredClone((from('photo') ?? survivor.fields).photo);
  out.birthday = structuredClone(from('birthday')?.birthday ?? all.map((f) => f.birthday).find((b) => b !== null) ?? null);
  const note = from('note');
  out.note = note ? note.note : [...new Set(all.map((f) => f.note.trim()).filter(Boolean))].join('\n\n');
  const orgs = from('organizations');
  out.organizations = orgs ? structuredClone(orgs.organizations) : unite(all.map((f) => f.organizations), 'organizations');
  return out;
}

/** The merge call's choices: only fields whose source differs from the survivor's are sent. */
export function mergeChoices(survivorId: string, choices: Choices): Choices {
  return Object.fromEntries(Object.entries(choices).filter(([, id]) => id !== survivorId)) as Choices;
}

/** Clusters the user put off with "Later" go to the end, in the order they were put off. */
export function orderWithLater<T extends { id: string }>(items: readonly T[], later: readonly string[]): T[] {
  const rank = new Map(later.map((id, i) => [id, i]));
  return [...items.filter((c) => !rank.has(c.id)), ...items.filter((c) => rank.has(c.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)];
}

function filled(f: ContactFields): number {
  const lists = [f.nicknames, f.emails, f.phones, f.addresses, f.organizations, f.dates, f.urls, f.ims, f.relations, f.groups, f.customFields];
  return lists.reduce((n, l) => n + l.length, 0) + (f.birthday ? 1 : 0) + (f.note ? 1 : 0) + (f.photo ? 1 : 0);
}

/**
 * The card the preview keeps as the merged contact, sent as survivorId so the merge does exactly
 * what the preview showed: the card in most accounts, then the fullest, then the longer name.
 */
export function defaultSurvivor(members: readonly (Contact & { records?: readonly unknown[] })[]): string {
  const ranked = [...members].sort(
    (x, y) =>
      (y.records?.length ?? 0) - (x.records?.length ?? 0) ||
      filled(y.fields) - filled(x.fields) ||
      y.displayName.length - x.displayName.length ||
      x.createdAt.localeCompare(y.createdAt) ||
      (x.id < y.id ? -1 : 1),
  );
  const first = ranked[0];
  if (!first) throw new Error('a merge needs at least one contact');
  return first.id;
}
