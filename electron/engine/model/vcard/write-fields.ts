// Canonical fields → vCard property lines, one section or one list item at a time, in the
// dialect each version's consumers read: 3.0 as iCloud writes it (repeated `type=` parameters,
// `type=pref`, `itemN.X-ABLabel` for labels TYPE cannot carry, X-ABDATE / X-ABRELATEDNAMES,
// X-APPLE-OMIT-YEAR birthdays, X-ABShowAs:COMPANY; carddav-icloud.md §4), 4.0 as RFC 6350 writes
// it (lower-case TYPE lists, PREF=1, KIND:org, ANNIVERSARY, RELATED, `--MMDD`, data: URI photos).
// Custom fields are `itemN.X-CUSTOM:value` + `itemN.X-ABLabel:key`: the key rides on the one
// labelling convention that Apple, Google's export, Radicale and DAVx5 all keep intact, and as a
// property value it can hold any text (a 3.0 parameter cannot hold `"` or a line break).
// Invariant: serialize.ts and patch.ts both write through these functions, so a fresh card and
// a patched one spell every field the same way, and read.ts reads each spelling back to the
// same canonical value (the round-trip property tests check this).
import type {
  Address,
  ContactFields,
  CustomField,
  ImHandle,
  LabeledDate,
  LabeledValue,
  Organization,
  PartialDate,
} from '../../../../shared/model/contact.ts';
import { formatDate } from './dates.ts';
import { writeImpp } from './im.ts';
import { abLabelFor, typesForLabel } from './labels.ts';
import type { LabelKind } from './labels.ts';
import { typeTokenFromMediaType } from './photo.ts';
import type { ListSection, ScalarSection } from './canonical.ts';
import { CUSTOM_PROPERTY } from './canonical.ts';
import type { VCardVersion } from './types.ts';
import { compoundValue, escapeText, listValue, uriValue } from './write-line.ts';
import type { LineSpec } from './write-line.ts';

/** Lines of one list item; `grouped` items get an `itemN.` group shared by all their lines. */
export interface ItemLines {
  lines: LineSpec[];
  grouped: boolean;
}

export interface PhotoBytes {
  bytes: Uint8Array;
  mediaType: string | null;
}

export interface WriteContext {
  version: VCardVersion;
  /** 4.0 allows one ANNIVERSARY (RFC 6350 §6.2.6); later anniversaries become X-ABDATE. */
  anniversaryTaken: boolean;
}

const line = (name: string, value: string, params: [string, string[]][] = []): LineSpec => ({ group: null, name, params, value });

function text(value: string, ctx: WriteContext): string {
  return escapeText(value, ctx.version, false);
}

/** TYPE parameters: 3.0 repeats `type=` per token (Apple), 4.0 writes one `TYPE=a,b` list. */
function typeParams(tokens: string[], ctx: WriteContext): [string, string[]][] {
  if (tokens.length === 0) return [];
  return ctx.version === '4.0' ? [['TYPE', tokens]] : tokens.map((t) => ['type', [t]] as [string, string[]]);
}

function prefParams(primary: boolean, ctx: WriteContext): [string, string[]][] {
  if (!primary) return [];
  return ctx.version === '4.0' ? [['PREF', ['1']]] : [['type', ['pref']]];
}

function labelLine(label: string): LineSpec {
  return line('X-ABLabel', escapeText(abLabelFor(label), '3.0', false));
}

/** A labelled single-value item: the label as TYPE tokens when they can carry it, else X-ABLabel. */
function labelled(name: string, kind: LabelKind, value: string, label: string | null, primary: boolean, ctx: WriteContext, extraTypes: string[] = [], head: [string, string[]][] = []): ItemLines {
  const types = typesForLabel(kind, label, ctx.version);
  const tokens = [...extraTypes, ...(types ?? [])];
  const params = ctx.version === '4.0' ? [...head, ...typeParams(tokens, ctx), ...prefParams(primary, ctx)] : [...head, ...typeParams([...tokens, ...(primary ? ['pref'] : [])], ctx)];
  const main = line(name, value, params);
  if (types === null && label !== null) return { lines: [main, labelLine(label)], grouped: true };
  return { lines: [main], grouped: false };
}

export function emailLines(item: LabeledValue, ctx: WriteContext): ItemLines {
  return labelled('EMAIL', 'email', text(item.value, ctx), item.label, item.primary, ctx, ctx.version === '4.0' ? [] : ['INTERNET']);
}

export function phoneLines(item: LabeledValue, ctx: WriteContext): ItemLines {
  return labelled('TEL', 'phone', text(item.value, ctx), item.label, item.primary, ctx);
}

export function urlLines(item: LabeledValue, ctx: WriteContext): ItemLines {
  return labelled('URL', 'url', text(item.value, ctx), item.label, item.primary, ctx);
}

export function addressLines(item: Address, ctx: WriteContext): ItemLines {
  const value = compoundValue([item.poBox, item.extended, item.street, item.locality, item.region, item.postalCode, item.country], ctx.version);
  const v4 = ctx.version === '4.0';
  const head: [string, string[]][] = v4 && item.countryCode !== '' ? [['CC', [item.countryCode]]] : [];
  const out = labelled('ADR', 'address', value, item.label, item.primary, ctx, [], head);
  if (!v4 && item.countryCode !== '') {
    // Apple's X-ABADR (address format country) lives in the address's group (carddav-icloud.md §4.2).
    out.lines.push(line('X-ABADR', escapeText(item.countryCode, ctx.version, false)));
    out.grouped = true;
  }
  return out;
}

export function imLines(item: ImHandle, ctx: WriteContext): ItemLines {
  const { value, serviceType } = writeImpp(item.service, item.value);
  const head: [string, string[]][] = serviceType !== null ? [['X-SERVICE-TYPE', [serviceType]]] : [];
  return labelled('IMPP', 'im', value, item.label, false, ctx, [], head);
}

export function relationLines(item: LabeledValue, ctx: WriteContext): ItemLines {
  if (ctx.version === '4.0') return labelled('RELATED', 'relation', text(item.value, ctx), item.label, item.primary, ctx, [], [['VALUE', ['text']]]);
  return labelled('X-ABRELATEDNAMES', 'relation', text(item.value, ctx), item.label, item.primary, ctx);
}

function dateLine(name: string, date: PartialDate, ctx: WriteContext): LineSpec | null {
  const formatted = formatDate(date, ctx.version);
  if (!formatted) return null;
  return line(name, formatted.value, formatted.omitYear ? [['X-APPLE-OMIT-YEAR', [formatted.omitYear]]] : []);
}

export function dateLines(item: LabeledDate, ctx: WriteContext): ItemLines {
  if (ctx.version === '4.0' && item.label === 'anniversary' && !ctx.anniversaryTaken) {
    const l = dateLine('ANNIVERSARY', item.date, ctx);
    if (l) {
      ctx.anniversaryTaken = true;
      return { lines: [l], grouped: false };
    }
  }
  const l = dateLine('X-ABDATE', item.date, ctx);
  if (!l) return { lines: [], grouped: false };
  if (item.label === null) return { lines: [l], grouped: false };
  return { lines: [l, labelLine(item.label)], grouped: true };
}

export function customFieldLines(item: CustomField, ctx: WriteContext): ItemLines {
  return { lines: [line(CUSTOM_PROPERTY, text(item.value, ctx)), line('X-ABLabel', escapeText(item.key, '3.0', false))], grouped: true };
}

/** The parts of an organisation, each its own property so each can change alone. */
export function organizationParts(item: Organization, ctx: WriteContext): { org: LineSpec | null; title: LineSpec | null; phonetic: LineSpec | null } {
  // The department is one component (its `;` escaped), so any text survives; read.ts joins extra
  // units of other writers' ORG with ';' and so reads this back unchanged.
  const parts = item.department === '' ? [item.name] : [item.name, item.department];
  const org = item.name !== '' || item.department !== '' ? line('ORG', compoundValue(parts, ctx.version)) : null;
  return {
    org,
    title: item.title !== '' ? line('TITLE', text(item.title, ctx)) : null,
    phonetic: item.phoneticName !== '' ? line('X-PHONETIC-ORG', text(item.phoneticName, ctx)) : null,
  };
}

/** The first organisation is written ungrouped (what every reader expects); later ones get a group each. */
export function organizationLines(item: Organization, ctx: WriteContext, first: boolean): ItemLines {
  const { org, title, phonetic } = organizationParts(item, ctx);
  const lines = [org, title, phonetic].filter((l) => l !== null);
  return { lines, grouped: !first && lines.length > 0 };
}

export function itemLines(section: ListSection, fields: ContactFields, index: number, ctx: WriteContext, firstOrganization: boolean): ItemLines {
  switch (section) {
    case 'emails':
      return emailLines(fields.emails[index] as LabeledValue, ctx);
    case 'phones':
      return phoneLines(fields.phones[index] as LabeledValue, ctx);
    case 'addresses':
      return addressLines(fields.addresses[index] as Address, ctx);
    case 'urls':
      return urlLines(fields.urls[index] as LabeledValue, ctx);
    case 'ims':
      return imLines(fields.ims[index] as ImHandle, ctx);
    case 'relations':
      return relationLines(fields.relations[index] as LabeledValue, ctx);
    case 'dates':
      return dateLines(fields.dates[index] as LabeledDate, ctx);
    case 'customFields':
      return customFieldLines(fields.customFields[index] as CustomField, ctx);
    case 'organizations':
      return organizationLines(fields.organizations[index] as Organization, ctx, firstOrganization);
  }
}

/** Lines of a scalar section; [] when the field is empty (N is always written: iCloud rejects cards without it). */
export function scalarLines(section: ScalarSection, fields: ContactFields, ctx: WriteContext, photo: PhotoBytes | null): LineSpec[] {
  const v = ctx.version;
  const n = fields.name;
  switch (section) {
    case 'kind':
      if (fields.kind !== 'organization') return [];
      return [v === '4.0' ? line('KIND', 'org') : line('X-ABShowAs', 'COMPANY')];
    case 'name':
      return [line('N', compoundValue([n.family, n.given, n.middle, n.prefix, n.suffix], v))];
    case 'phoneticGiven':
      return n.phoneticGiven === '' ? [] : [line('X-PHONETIC-FIRST-NAME', text(n.phoneticGiven, ctx))];
    case 'phoneticMiddle':
      return n.phoneticMiddle === '' ? [] : [line('X-PHONETIC-MIDDLE-NAME', text(n.phoneticMiddle, ctx))];
    case 'phoneticFamily':
      return n.phoneticFamily === '' ? [] : [line('X-PHONETIC-LAST-NAME', text(n.phoneticFamily, ctx))];
    case 'formattedName':
      return [line('FN', text(fields.formattedName, ctx))];
    case 'nicknames':
      return fields.nicknames.length === 0 ? [] : [line('NICKNAME', listValue(fields.nicknames, v))];
    case 'birthday': {
      const l = fields.birthday ? dateLine('BDAY', fields.birthday, ctx) : null;
      return l ? [l] : [];
    }
    case 'note':
      return fields.note === '' ? [] : [line('NOTE', text(fields.note, ctx))];
    case 'groups':
      return fields.groups.length === 0 ? [] : [line('CATEGORIES', listValue(fields.groups, v))];
    case 'photo':
      return photoLines(fields, ctx, photo);
  }
}

function photoLines(fields: ContactFields, ctx: WriteContext, photo: PhotoBytes | null): LineSpec[] {
  const ref = fields.photo;
  if (!ref) return [];
  const mediaType = ref.mediaType ?? photo?.mediaType ?? null;
  if (ref.uri !== null && ref.hash === null) {
    // By reference: VALUE=uri in 3.0 (iCloud's own form), the default value type in 4.0.
    if (ctx.version === '4.0') return [line('PHOTO', uriValue(ref.uri), mediaType ? [['MEDIATYPE', [mediaType]]] : [])];
    return [line('PHOTO', uriValue(ref.uri), [['VALUE', ['uri']], ...(mediaType ? ([['TYPE', [typeTokenFromMediaType(mediaType)]]] as [string, string[]][]) : [])])];
  }
  if (!photo) return [];
  const base64 = Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength).toString('base64');
  if (ctx.version === '4.0') return [line('PHOTO', `data:${mediaType ?? ''};base64,${base64}`)];
  return [line('PHOTO', base64, [['ENCODING', ['b']], ...(mediaType ? ([['TYPE', [typeTokenFromMediaType(mediaType)]]] as [string, string[]][]) : [])])];
}
