// The Conflicts screen's view model, pure so it is unit-tested without a DOM: what a conflict path
// means to a person ('emails[ann@x].label' → "Email · ann@x · label"), how a value reads, which
// decisions a card offers (keep both, edit by hand) and what a bulk action would call.
// Invariant: every decision maps to exactly one engine call (conflicts.resolve or
// conflicts.choose), so a decision made here is journaled and undoable like any other.
import type { ConflictView, HeldValue } from '../../../shared/api/contract.ts';
import type { PartialDate } from '../../../shared/model/contact.ts';

/** Field groups a bulk action works on; each has a `review.field.<group>` message. */
export const fieldGroups = [
  'name',
  'kind',
  'nicknames',
  'emails',
  'phones',
  'addresses',
  'organizations',
  'birthday',
  'dates',
  'urls',
  'ims',
  'relations',
  'note',
  'groups',
  'photo',
  'customFields',
  'other',
] as const;
export type FieldGroup = (typeof fieldGroups)[number];

export interface FieldPath {
  group: FieldGroup;
  /** The list item's key as the engine wrote it (unescaped), or null for scalars and '.primary'. */
  item: string | null;
  /** 'given', 'label', 'primary', … ; null for a whole field or a whole list item. */
  part: string | null;
}

const isGroup = (s: string): s is FieldGroup => (fieldGroups as readonly string[]).includes(s);

/** Splits a conflict path as written by the engine (model/merge/lists.ts pathKey escapes `\`, `]`, `#`). */
export function parseFieldPath(path: string): FieldPath {
  if (path === 'formattedName') return { group: 'name', item: null, part: 'formattedName' };
  const item = /^(\w+)\[((?:\\.|[^\]\\])*)\](?:\.(\w+))?$/.exec(path);
  if (item) {
    const key = item[2]!.replace(/\\(.)/g, '$1');
    return { group: isGroup(item[1]!) ? item[1] : 'other', item: key, part: item[3] ?? null };
  }
  const [head = '', part = null] = path.split('.', 2) as [string, string?];
  return { group: isGroup(head) ? head : 'other', item: null, part };
}

/** The top-level contact field a path lives in (what contacts.history calls `field`). */
export function topField(path: string): string {
  return /^(\w+)/.exec(path)?.[1] ?? path;
}

const isDate = (v: unknown): v is PartialDate =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'year' in v && 'month' in v && 'day' in v;

export interface ValueFormat {
  empty: string;
  date(d: PartialDate): string;
  label(l: string | null): string;
}

/** One value as a line of text: text as is, dates in the locale, list items with their label. */
export function formatValue(value: unknown, f: ValueFormat): string {
  if (value === null || value === undefined || value === '') return f.empty;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? f.empty : value.map((v) => formatValue(v, f)).join(', ');
  if (isDate(value)) return f.date(value) || f.empty;
  const o = value as Record<string, unknown>;
  if (isDate(o.date)) return [f.date(o.date), f.label((o.label as string | null) ?? null)].filter(Boolean).join(' · ');
  if (typeof o.value === 'string') {
    const label = f.label((o.label as string | null | undefined) ?? null);
    return label ? `${o.value} (${label})` : o.value;
  }
  if (typeof o.name === 'string' && 'title' in o) return [o.title, o.department, o.name].filter((x) => typeof x === 'string' && x).join(' · ') || f.empty;
  if ('street' in o || 'locality' in o) {
    return ['street', 'locality', 'region', 'postalCode', 'country'].map((k) => o[k]).filter((x) => typeof x === 'string' && x).join(', ') || f.empty;
  }
  if ('hash' in o || 'uri' in o) return 'photo';
  if (typeof o.key === 'string' && typeof o.value === 'string') return `${o.key}: ${o.value}`;
  return JSON.stringify(value);
}

/**
 * "Keep both" for list fields: when one side removed a list item and the other kept or changed
 * it, keeping it means nobody's data is lost. Answers the side holding the item, or null when the
 * conflict is not about a whole list item (a label or a scalar has room for one value only).
 */
export function keepBothSide(c: Pick<ConflictView, 'field' | 'hubValue' | 'accountValue'>): 'hub' | 'account' | null {
  const p = parseFieldPath(c.field);
  if (p.item === null || p.part !== null) return null;
  if (c.hubValue === null && c.accountValue !== null) return 'account';
  if (c.accountValue === null && c.hubValue !== null) return 'hub';
  return null;
}

export type HandEdit = { kind: 'text' } | { kind: 'date' } | null;

/** Which hand-edit the engine accepts for this path (conflict-choice.ts: text parts and birthdays). */
export function handEdit(c: Pick<ConflictView, 'field' | 'hubValue' | 'accountValue'>): HandEdit {
  const p = parseFieldPath(c.field);
  if (c.field === 'birthday') return { kind: 'date' };
  if (p.part === 'primary' || p.group === 'photo' || p.group === 'kind') return null;
  const texty = (v: unknown) => v === null || typeof v === 'string';
  if (c.field === 'note' || p.group === 'name') return { kind: 'text' };
  // A part of one list item (its label, an organisation's title): text when both sides are text.
  return p.item !== null && p.part !== null && texty(c.hubValue) && texty(c.accountValue) ? { kind: 'text' } : null;
}

/** Parses a typed birthday: 1990-04-15, 04-15 or --04-15 (no year), 1990-04, 1990. null: not a date. */
export function parseTypedDate(text: string): PartialDate | null {
  const s = text.trim();
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s);
  const valid = (d: PartialDate) =>
    (d.month === null || (d.month >= 1 && d.month <= 12)) && (d.day === null || (d.day >= 1 && d.day <= 31)) && (d.year === null || d.year >= 1);
  if (m) {
    const d = { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
    return valid(d) ? d : null;
  }
  m = /^(?:--)?(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const d = { year: null, month: Number(m[1]), day: Number(m[2]) };
    return valid(d) ? d : null;
  }
  return null;
}

/** The text a hand-edit box starts with: the value the hub holds now. */
export function editStart(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isDate(value)) {
    const pad = (n: number) => String(n).padStart(2, '0');
    if (value.year === null) return value.month !== null && value.day !== null ? `--${pad(value.month)}-${pad(value.day)}` : '';
    return [String(value.year).padStart(4, '0'), value.month === null ? null : pad(value.month), value.day === null ? null : pad(value.day)].filter(Boolean).join('-');
  }
  return '';
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Accounts whose copy holds this value at this path (from contacts.show), for "Google, iCloud" under a side. */
export function holdersOf(values: readonly HeldValue[], path: string, value: unknown): string[] {
  return values.filter((v) => v.field === path && sameJson(v.value, value)).flatMap((v) => v.accounts);
}

export type Decision =
  | { method: 'conflicts.resolve'; params: { id: number; keep: 'hub' | 'account' } }
  | { method: 'conflicts.choose'; params: { id: number; accountId: string } };

/**
 * A bulk action "use ACCOUNT for all GROUP conflicts": for conflicts with that account, keep the
 * account's value; for conflicts with another account, take the value ACCOUNT's copy holds (the
 * engine answers NOT_FOUND when it holds no copy, and that conflict stays open for the user).
 */
export function bulkDecisions(conflicts: readonly ConflictView[], group: FieldGroup, accountId: string): Decision[] {
  return conflicts
    .filter((c) => parseFieldPath(c.field).group === group)
    .map((c): Decision =>
      c.accountId === accountId
        ? { method: 'conflicts.resolve', params: { id: c.id, keep: 'account' } }
        : { method: 'conflicts.choose', params: { id: c.id, accountId } },
    );
}

export interface BulkOption {
  group: FieldGroup;
  accountId: string;
  accountName: string;
  count: number;
}

/** The bulk actions worth offering: a field group with at least two conflicts, per account involved. */
export function bulkOptions(conflicts: readonly ConflictView[]): BulkOption[] {
  const byGroup = new Map<FieldGroup, ConflictView[]>();
  for (const c of conflicts) {
    const g = parseFieldPath(c.field).group;
    byGroup.set(g, [...(byGroup.get(g) ?? []), c]);
  }
  const out: BulkOption[] = [];
  for (const group of fieldGroups) {
    const list = byGroup.get(group);
    if (!list || list.length < 2) continue;
    const accounts = new Map<string, string>();
    for (const c of list) accounts.set(c.accountId, c.accountName);
    for (const [accountId, accountName] of [...accounts].sort((a, b) => a[1].localeCompare(b[1]))) out.push({ group, accountId, accountName, count: list.length });
  }
  return out;
}
