// One CSV row → canonical contact fields, through the column bindings (a Target per column).
// Values stay text exactly as written, trimmed: phone numbers keep their "+" and leading zeros
// (nothing here converts a cell to a number). Two spreadsheet conventions are undone: a leading
// apostrophe before = + - @ (OWASP's CSV-injection neutralisation, which Concord's own export and
// other careful exporters add) and Excel's ="0123" text trick.
// Invariant: a cell is read by exactly one binding; problems become warnings on the row, and a
// value that cannot be read (a date) is left out rather than guessed.
import type { Address, ContactFields, Label, Organization } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { DateOrder } from './dates.ts';
import { parseDate } from './dates.ts';
import { canonicalService, labelFromKey, readLabel } from './labels.ts';
import type { ItemField, ScalarPath, Target } from './mapping.ts';

export interface ColumnBinding {
  index: number;
  header: string;
  /** The field path as shown to the user (preview), null when the column is ignored. */
  path: string | null;
  target: Target | null;
}

export interface RowOptions {
  dateOrder: DateOrder;
  /** Splits several values in one cell of list fields; null: one value per cell. */
  separator: string | null;
}

/** Undoes export conventions that are not part of the value. */
export function cleanCell(raw: string): string {
  let v = raw.trim();
  if (v.length > 1 && v[0] === "'" && '=+-@\t\r'.includes(v[1]!)) v = v.slice(1);
  else {
    const excelText = /^="(.*)"$/s.exec(v);
    if (excelText) v = excelText[1]!.replace(/""/g, '"');
  }
  // Line ends inside quoted values become \n, as in every other text Concord stores.
  return v.replace(/\r\n?/g, '\n');
}

interface ItemAcc {
  field: ItemField;
  values: string[];
  label: Label;
  labelGiven: boolean;
  primary: boolean;
  service: string;
  key: string | null;
}

interface AddressAcc {
  parts: Partial<Record<keyof Address | 'formatted', string>>;
  label: Label;
  primary: boolean;
}

const scalarSetters: Record<ScalarPath, (f: ContactFields, v: string) => void> = {
  'name.prefix': (f, v) => (f.name.prefix = join(f.name.prefix, v, ' ')),
  'name.given': (f, v) => (f.name.given = join(f.name.given, v, ' ')),
  'name.middle': (f, v) => (f.name.middle = join(f.name.middle, v, ' ')),
  'name.family': (f, v) => (f.name.family = join(f.name.family, v, ' ')),
  'name.suffix': (f, v) => (f.name.suffix = join(f.name.suffix, v, ' ')),
  'name.phoneticGiven': (f, v) => (f.name.phoneticGiven = join(f.name.phoneticGiven, v, ' ')),
  'name.phoneticMiddle': (f, v) => (f.name.phoneticMiddle = join(f.name.phoneticMiddle, v, ' ')),
  'name.phoneticFamily': (f, v) => (f.name.phoneticFamily = join(f.name.phoneticFamily, v, ' ')),
  formattedName: (f, v) => (f.formattedName = join(f.formattedName, v, ' ')),
  note: (f, v) => (f.note = join(f.note, v, '\n\n')),
  birthday: () => {},
  photo: (f, v) => {
    if (/^https?:\/\//i.test(v)) f.photo = { hash: null, mediaType: null, uri: v };
  },
};

function join(a: string, b: string, sep: string): string {
  return a ? `${a}${sep}${b}` : b;
}

const scientific = /^\d+(?:[.,]\d+)?E\+\d+$/i;

/** Phones compare by their digits (and a leading +); emails case-insensitively. */
function sameValue(field: ItemField, a: string, b: string): boolean {
  if (field === 'phones') return a.replace(/[^\d+]/g, '') === b.replace(/[^\d+]/g, '');
  if (field === 'emails') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function splitGroups(v: string, separator: string | null): string[] {
  const parts = v.split(separator && separator !== ';' ? new RegExp(`${escapeRegExp(separator)}|;`) : /;| ::: /);
  const out: string[] = [];
  for (const raw of parts) {
    const t = raw.trim();
    if (!t) continue;
    // Google's system groups: everyone is in myContacts (not a label); starred is Concord's "Starred".
    if (/^\*\s*my\s*contacts$/i.test(t)) continue;
    if (/^\*\s*starred$/i.test(t)) out.push('Starred');
    else out.push(t.replace(/^\*\s*/, ''));
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function rowToFields(cells: readonly string[], bindings: readonly ColumnBinding[], options: RowOptions): { fields: ContactFields; warnings: string[] } {
  const f = emptyContactFields();
  const warnings: string[] = [];
  const items = new Map<string, ItemAcc>();
  const addresses = new Map<string, AddressAcc>();
  const organizations = new Map<string, Organization>();

  for (const b of bindings) {
    const t = b.target;
    if (!t) continue;
    const v = cleanCell(cells[b.index] ?? '');
    if (!v) continue;
    switch (t.kind) {
      case 'scalar':
        if (t.path === 'birthday') {
          const d = parseDate(v, options.dateOrder);
          if (d.ok) f.birthday = d.date;
          else warnings.push(`${b.header}: "${v}" ${d.message}; left out`);
        } else scalarSetters[t.path](f, v);
        break;
      case 'nicknames':
        for (const n of options.separator ? v.split(options.separator) : [v]) if (n.trim()) f.nicknames.push(n.trim());
        break;
      case 'groups':
        for (const g of splitGroups(v, options.separator)) if (!f.groups.includes(g)) f.groups.push(g);
        break;
      case 'item': {
        const id = `${t.field}|${t.key ?? `#${b.index}`}`;
        let acc = items.get(id);
        if (!acc) {
          acc = { field: t.field, values: [], label: t.field === 'ims' || t.field === 'customFields' ? null : labelFromKey(t.key), labelGiven: false, primary: false, service: '', key: t.key };
          items.set(id, acc);
        }
        if (t.part === 'label') {
          const l = readLabel(v);
          acc.label = t.field === 'customFields' ? v.replace(/^\*\s*/, '') : l.label;
          acc.labelGiven = true;
          acc.primary ||= l.primary;
        } else if (t.part === 'service') acc.service = canonicalService(v);
        else {
          const split = options.separator && t.field !== 'customFields' && t.field !== 'dates' ? v.split(options.separator) : [v];
          for (const s of split) if (s.trim()) acc.values.push(s.trim());
          if (t.field === 'phones' && scientific.test(v)) {
            warnings.push(`${b.header}: "${v}" looks like a phone number a spreadsheet turned into a number; its digits may be lost`);
          }
        }
        break;
      }
      case 'address': {
        let acc = addresses.get(t.key);
        if (!acc) {
          acc = { parts: {}, label: labelFromKey(t.key), primary: false };
          addresses.set(t.key, acc);
        }
        if (t.part === 'label') {
          const l = readLabel(v);
          acc.label = l.label;
          acc.primary ||= l.primary;
        } else acc.parts[t.part] = acc.parts[t.part] ? `${acc.parts[t.part]}\n${v}` : v;
        break;
      }
      case 'organization': {
        let org = organizations.get(t.key);
        if (!org) {
          org = { name: '', department: '', title: '', phoneticName: '' };
          organizations.set(t.key, org);
        }
        org[t.part] = join(org[t.part], v, ' ');
        break;
      }
    }
  }

  for (const acc of items.values()) addItems(f, acc, warnings, options.dateOrder);
  for (const acc of addresses.values()) {
    const p = acc.parts;
    const hasParts = Boolean(p.street || p.extended || p.poBox || p.locality || p.region || p.postalCode || p.country || p.countryCode);
    if (!hasParts && !p.formatted) continue;
    f.addresses.push({
      label: acc.label,
      primary: acc.primary,
      poBox: p.poBox ?? '',
      extended: p.extended ?? '',
      // Only a formatted address (Google's "Address 1 - Formatted" alone): keep it whole as the street.
      street: hasParts ? (p.street ?? '') : (p.formatted ?? ''),
      locality: p.locality ?? '',
      region: p.region ?? '',
      postalCode: p.postalCode ?? '',
      country: p.country ?? '',
      countryCode: (p.countryCode ?? '').toUpperCase(),
    });
  }
  for (const org of organizations.values()) if (org.name || org.title || org.department || org.phoneticName) f.organizations.push(org);
  return { fields: f, warnings };
}

function addItems(f: ContactFields, acc: ItemAcc, warnings: string[], dateOrder: DateOrder): void {
  for (const value of acc.values) {
    switch (acc.field) {
      case 'emails':
      case 'phones':
      case 'urls':
      case 'relations': {
        const list = f[acc.field];
        const dup = list.find((x) => sameValue(acc.field, x.value, value));
        if (dup) {
          // Outlook repeats a number as "Primary Phone": one value, the label it has elsewhere.
          dup.label ??= acc.label;
          dup.primary ||= acc.primary;
        } else list.push({ value, label: acc.label, primary: acc.primary });
        break;
      }
      case 'dates': {
        const d = parseDate(value, dateOrder);
        if (d.ok && d.date) f.dates.push({ label: acc.label, date: d.date });
        else if (!d.ok) warnings.push(`date "${value}" ${d.message}; left out`);
        break;
      }
      case 'ims':
        f.ims.push({ value, service: acc.service || (acc.key !== null && !/^\d+$/.test(acc.key) ? canonicalService(acc.key) : ''), label: acc.label });
        break;
      case 'customFields': {
        const key = acc.labelGiven && acc.label ? acc.label : acc.key !== null && !/^\d+$/.test(acc.key) ? acc.key : 'Custom';
        f.customFields.push({ key, value });
        break;
      }
    }
  }
}

/** Whether a record has anything that identifies a person or company. */
export function hasIdentity(f: ContactFields): boolean {
  const n = f.name;
  return Boolean(
    f.formattedName.trim() ||
      n.given.trim() ||
      n.family.trim() ||
      n.middle.trim() ||
      f.emails.length ||
      f.phones.length ||
      f.nicknames.length ||
      f.organizations.some((o) => o.name.trim()),
  );
}
