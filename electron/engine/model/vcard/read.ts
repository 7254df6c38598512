// Card → canonical contact (or group), remembering which properties produced each field so that
// patch.ts can rewrite exactly those. Mapping (carddav-icloud.md §4; RFC 6350; RFC 2426):
//   N, FN, NICKNAME, X-PHONETIC-FIRST/MIDDLE/LAST-NAME → name, formattedName, nicknames
//   ORG (name;department…) + TITLE + X-PHONETIC-ORG     → organizations (paired by group, else by order)
//   EMAIL, TEL, ADR (+ Apple X-ABADR / RFC 9554 CC), URL → labelled lists
//   IMPP + X-SERVICE-TYPE, X-AIM/X-JABBER/X-SKYPE/X-QQ… → ims
//   BDAY; ANNIVERSARY, X-ABDATE, X-ANNIVERSARY           → birthday; dates
//   X-ABRELATEDNAMES, RELATED, X-SPOUSE/X-MANAGER/…      → relations
//   NOTE, CATEGORIES, PHOTO                              → note, groups, photo
//   X-ABShowAs:COMPANY, KIND:org                         → kind 'organization'
//   itemN.X-CUSTOM + itemN.X-ABLabel (key)               → customFields (write-fields.ts says why)
//   KIND:group / X-ADDRESSBOOKSERVER-KIND:group          → a group: name + member UIDs
// Labels: grouped X-ABLabel first, TYPE otherwise (labels.ts). Primary: TYPE=pref (2.1/3.0) or the
// lowest PREF=n (4.0) within the list. Everything else (X-SOCIALPROFILE, X-IMAGEHASH, GEO, …) is not
// read and is left for patch.ts to copy through.
// Invariants: reading never throws and never drops a property silently: a value it cannot read
// adds a warning; the same card always gives the same result.
import type { Address, CustomField, ImHandle, Label, LabeledDate, LabeledValue } from '../../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../../shared/model/contact.ts';
import { parseDate } from './dates.ts';
import { listValue, paramValue, structuredValue, textValue } from './decode.ts';
import { androidCustom } from './android.ts';
import { legacyImProperties, readImpp, serviceFromType } from './im.ts';
import { labelFromAbLabel, labelFromTypes } from './labels.ts';
import type { LabelKind } from './labels.ts';
import { readPhoto } from './photo.ts';
import type { VCard, VCardProperty } from './types.ts';
import { CUSTOM_PROPERTY, listSections, scalarSections } from './canonical.ts';
import type { CanonicalCard, CanonicalPhoto, ItemOrigin, ListSection, ReadResult, ScalarSection } from './canonical.ts';
import { isGroupCard, readGroupCard } from './read-group.ts';
import { readOrganizations } from './read-organizations.ts';
import type { OrgLine } from './read-organizations.ts';

interface GroupInfo {
  label?: string;
  abadr?: string;
}

interface Draft<T> {
  item: T;
  origin: ItemOrigin;
  rank: number | null;
}

/**
 * TYPE values as written (not upper-cased: a custom `X-Grandma` keeps its case). A quoted list
 * (`TYPE="work,voice"`, RFC 6350's own examples, Nextcloud) is split like an unquoted one.
 */
function typeValues(prop: VCardProperty): readonly string[] {
  let out: string[] | null = null;
  for (const p of prop.params) {
    if (p.name !== 'TYPE') continue;
    for (const v of p.values) {
      if (!v.includes(',')) {
        if (v !== '') (out ??= []).push(v.trim());
        continue;
      }
      for (const t of v.split(',')) if (t.trim() !== '') (out ??= []).push(t.trim());
    }
  }
  return out ?? noTypes;
}
const noTypes: readonly string[] = [];

function prefRank(prop: VCardProperty, types: readonly string[]): number | null {
  const pref = paramValue(prop, 'PREF');
  if (pref !== null) {
    const n = Number.parseInt(pref, 10);
    return Number.isFinite(n) ? n : 1;
  }
  for (const t of types) if (t.length === 4 && t.toUpperCase() === 'PREF') return 1;
  return null;
}

/** Sets `primary` on the items with the best (lowest) preference rank. */
function finishPrimary<T extends { primary: boolean }>(drafts: Draft<T>[]): void {
  let best: number | null = null;
  for (const d of drafts) if (d.rank !== null && (best === null || d.rank < best)) best = d.rank;
  for (const d of drafts) d.item.primary = best !== null && d.rank === best;
}

const relationProperties: Readonly<Record<string, string>> = {
  'X-SPOUSE': 'spouse',
  'X-EVOLUTION-SPOUSE': 'spouse',
  'X-KADDRESSBOOK-X-SPOUSENAME': 'spouse',
  'X-MS-SPOUSE': 'spouse',
  'X-MANAGER': 'manager',
  'X-EVOLUTION-MANAGER': 'manager',
  'X-KADDRESSBOOK-X-MANAGERSNAME': 'manager',
  'X-MS-MANAGER': 'manager',
  'X-ASSISTANT': 'assistant',
  'X-EVOLUTION-ASSISTANT': 'assistant',
  'X-KADDRESSBOOK-X-ASSISTANTSNAME': 'assistant',
  'X-MS-ASSISTANT': 'assistant',
  'X-MS-CHILD': 'child',
};

const anniversaryProperties = new Set(['ANNIVERSARY', 'X-ANNIVERSARY', 'X-EVOLUTION-ANNIVERSARY', 'X-KADDRESSBOOK-X-ANNIVERSARY', 'X-MS-ANNIVERSARY']);

function emptySections<T>(make: () => T): Record<ScalarSection, T> {
  const out = {} as Record<ScalarSection, T>;
  for (const s of scalarSections) out[s] = make();
  return out;
}

function emptyLists<T>(make: () => T): Record<ListSection, T> {
  const out = {} as Record<ListSection, T>;
  for (const s of listSections) out[s] = make();
  return out;
}

/** Reads a parsed card: the canonical result plus the origin of every field. */
export function readCard(card: VCard): ReadResult {
  const warnings = [...card.warnings];
  if (isGroupCard(card)) return { card: readGroupCard(card, warnings), origins: null };

  const props = card.properties;
  const fields = emptyContactFields();
  const scalars = emptySections<number[]>(() => []);
  const claimed = emptyLists<number[]>(() => []);
  const companions = new Map<string, number[]>();
  const groups = new Map<string, GroupInfo>();

  // Companions first: a label may follow the property it labels.
  props.forEach((prop, i) => {
    if (prop.group === null || (prop.name !== 'X-ABLABEL' && prop.name !== 'X-ABADR')) return;
    const key = prop.group.toLowerCase();
    const info = groups.get(key) ?? {};
    if (prop.name === 'X-ABLABEL') info.label ??= textValue(prop, warnings);
    else info.abadr ??= textValue(prop, warnings).trim();
    groups.set(key, info);
    const list = companions.get(key) ?? [];
    list.push(i);
    companions.set(key, list);
  });

  const labelOf = (prop: VCardProperty, kind: LabelKind, types: readonly string[] = typeValues(prop)): Label => {
    if (prop.group !== null) {
      const label = groups.get(prop.group.toLowerCase())?.label;
      if (label !== undefined) return labelFromAbLabel(label);
    }
    return labelFromTypes(kind, types);
  };
  const origin = (prop: VCardProperty, i: number): ItemOrigin => ({ props: [i], group: prop.group });

  const emails: Draft<LabeledValue>[] = [];
  const phones: Draft<LabeledValue>[] = [];
  const urls: Draft<LabeledValue>[] = [];
  const relations: Draft<LabeledValue>[] = [];
  const addresses: Draft<Address>[] = [];
  const ims: Draft<ImHandle>[] = [];
  const dates: Draft<LabeledDate>[] = [];
  const customs: Draft<CustomField>[] = [];
  const orgLines: OrgLine[] = [];
  const notes: string[] = [];
  let uid: string | null = null;
  let photo: CanonicalPhoto | null = null;
  let haveName = false;
  let haveFn = false;
  let haveBirthday = false;
  let soundReading: { family: string; given: string } | null = null;

  const labelled = (list: Draft<LabeledValue>[], section: ListSection, kind: LabelKind, prop: VCardProperty, i: number, value: string) => {
    claimed[section].push(i);
    if (value.trim() === '') return;
    const types = typeValues(prop);
    list.push({ item: { value, label: labelOf(prop, kind, types), primary: false }, origin: origin(prop, i), rank: prefRank(prop, types) });
  };
  const addDate = (prop: VCardProperty, i: number, label: Label) => {
    claimed.dates.push(i);
    const text = textValue(prop, warnings);
    const date = parseDate(text, paramValue(prop, 'X-APPLE-OMIT-YEAR'));
    if (date) dates.push({ item: { label, date }, origin: origin(prop, i), rank: null });
    else if (text.trim() !== '') warnings.push(`${prop.name} "${text.slice(0, 40)}" (line ${prop.line}) is not a date`);
  };

  props.forEach((prop, i) => {
    switch (prop.name) {
      case 'UID':
        if (uid === null) uid = textValue(prop, warnings).trim() || null;
        return;
      case 'N': {
        scalars.name.push(i);
        if (haveName) return;
        haveName = true;
        const [family = '', given = '', middle = '', prefix = '', suffix = ''] = structuredValue(prop, warnings);
        Object.assign(fields.name, { family, given, middle, prefix, suffix });
        return;
      }
      case 'FN':
        scalars.formattedName.push(i);
        if (!haveFn) fields.formattedName = textValue(prop, warnings);
        haveFn = true;
        return;
      case 'NICKNAME':
        scalars.nicknames.push(i);
        fields.nicknames.push(...listValue(prop, warnings));
        return;
      case 'X-PHONETIC-FIRST-NAME':
        scalars.phoneticGiven.push(i);
        fields.name.phoneticGiven ||= textValue(prop, warnings);
        return;
      case 'X-PHONETIC-MIDDLE-NAME':
        scalars.phoneticMiddle.push(i);
        fields.name.phoneticMiddle ||= textValue(prop, warnings);
        return;
      case 'X-PHONETIC-LAST-NAME':
        scalars.phoneticFamily.push(i);
        fields.name.phoneticFamily ||= textValue(prop, warnings);
        return;
      case 'X-ABSHOWAS':
        scalars.kind.push(i);
        if (prop.value.trim().toUpperCase() === 'COMPANY') fields.kind = 'organization';
        return;
      case 'KIND': {
        scalars.kind.push(i);
        const kind = prop.value.trim().toLowerCase();
        if (kind === 'org' || kind === 'organization') fields.kind = 'organization';
        else if (kind !== 'individual' && kind !== '') warnings.push(`KIND "${kind}" read as an individual`);
        return;
      }
      case 'ORG':
        claimed.organizations.push(i);
        orgLines.push({ index: i, prop, part: 'org' });
        return;
      case 'TITLE':
        claimed.organizations.push(i);
        orgLines.push({ index: i, prop, part: 'title' });
        return;
      case 'X-PHONETIC-ORG':
        claimed.organizations.push(i);
        orgLines.push({ index: i, prop, part: 'phonetic' });
        return;
      case 'EMAIL':
        labelled(emails, 'emails', 'email', prop, i, textValue(prop, warnings));
        return;
      case 'TEL': {
        let value = textValue(prop, warnings);
        if (/^tel:/i.test(value)) value = value.slice(4);
        labelled(phones, 'phones', 'phone', prop, i, value);
        return;
      }
      case 'URL':
        labelled(urls, 'urls', 'url', prop, i, textValue(prop, warnings));
        return;
      case 'X-EVOLUTION-BLOG-URL':
        claimed.urls.push(i);
        if (prop.value.trim() !== '') urls.push({ item: { value: textValue(prop, warnings), label: 'blog', primary: false }, origin: origin(prop, i), rank: null });
        return;
      case 'X-ANDROID-CUSTOM': {
        const custom = androidCustom(structuredValue(prop, warnings));
        if (custom === null) return;
        if (custom.kind === 'nickname') {
          scalars.nicknames.push(i);
          fields.nicknames.push(custom.value);
        } else if (custom.kind === 'relation') {
          claimed.relations.push(i);
          relations.push({ item: { value: custom.value, label: custom.label, primary: false }, origin: origin(prop, i), rank: null });
        } else {
          claimed.dates.push(i);
          const date = parseDate(custom.value, null);
          if (date) dates.push({ item: { label: custom.label, date }, origin: origin(prop, i), rank: null });
          else warnings.push(`X-ANDROID-CUSTOM event "${custom.value.slice(0, 40)}" (line ${prop.line}) is not a date`);
        }
        return;
      }
      case 'SOUND':
        // Japanese feature phones carry the name's reading as SOUND;X-IRMC-N (family;given). Read
        // only where no X-PHONETIC-* says otherwise, and not claimed: patch writes X-PHONETIC-*.
        if (typeValues(prop).some((t) => t.toUpperCase() === 'X-IRMC-N')) {
          const [family = '', given = ''] = structuredValue(prop, warnings);
          soundReading = { family, given };
        }
        return;
      case 'X-ABRELATEDNAMES':
      case 'RELATED':
        labelled(relations, 'relations', 'relation', prop, i, textValue(prop, warnings));
        return;
      case 'ADR': {
        claimed.addresses.push(i);
        const [poBox = '', extended = '', street = '', locality = '', region = '', postalCode = '', country = ''] = structuredValue(prop, warnings);
        const abadr = prop.group !== null ? groups.get(prop.group.toLowerCase())?.abadr : undefined;
        const countryCode = abadr ?? paramValue(prop, 'CC') ?? '';
        const types = typeValues(prop);
        const address: Address = { label: labelOf(prop, 'address', types), primary: false, poBox, extended, street, locality, region, postalCode, country, countryCode };
        if ([poBox, extended, street, locality, region, postalCode, country, countryCode].some((s) => s.trim() !== '')) {
          addresses.push({ item: address, origin: origin(prop, i), rank: prefRank(prop, types) });
        }
        return;
      }
      case 'IMPP': {
        claimed.ims.push(i);
        const { handle, schemeService } = readImpp(textValue(prop, warnings).trim());
        const type = paramValue(prop, 'X-SERVICE-TYPE');
        if (handle.trim() === '') return;
        ims.push({ item: { value: handle, service: type ? serviceFromType(type) : schemeService, label: labelOf(prop, 'im') }, origin: origin(prop, i), rank: null });
        return;
      }
      case 'BDAY': {
        scalars.birthday.push(i);
        if (haveBirthday) return;
        const text = textValue(prop, warnings);
        const date = parseDate(text, paramValue(prop, 'X-APPLE-OMIT-YEAR'));
        if (date) {
          fields.birthday = date;
          haveBirthday = true;
        } else if (text.trim() !== '') warnings.push(`BDAY "${text.slice(0, 40)}" (line ${prop.line}) is not a date`);
        return;
      }
      case 'X-ABDATE': {
        const label = prop.group !== null ? groups.get(prop.group.toLowerCase())?.label : undefined;
        addDate(prop, i, label !== undefined ? labelFromAbLabel(label) : null);
        return;
      }
      case 'NOTE':
        scalars.note.push(i);
        notes.push(textValue(prop, warnings));
        return;
      case 'CATEGORIES':
        scalars.groups.push(i);
        fields.groups.push(...listValue(prop, warnings));
        return;
      case 'PHOTO': {
        scalars.photo.push(i);
        if (fields.photo) {
          warnings.push(`second PHOTO (line ${prop.line}) ignored`);
          return;
        }
        const data = readPhoto(prop, card.version, warnings);
        if (!data) return;
        fields.photo = { hash: data.hash, mediaType: data.mediaType, uri: data.uri };
        if (data.bytes && data.hash) photo = { hash: data.hash, mediaType: data.mediaType, bytes: data.bytes };
        return;
      }
      default:
        break;
    }
    if (anniversaryProperties.has(prop.name)) {
      const label = prop.group !== null ? groups.get(prop.group.toLowerCase())?.label : undefined;
      addDate(prop, i, label !== undefined ? labelFromAbLabel(label) : 'anniversary');
      return;
    }
    const relation = relationProperties[prop.name];
    if (relation !== undefined) {
      claimed.relations.push(i);
      const value = textValue(prop, warnings);
      if (value.trim() !== '') relations.push({ item: { value, label: relation, primary: false }, origin: origin(prop, i), rank: null });
      return;
    }
    const service = legacyImProperties[prop.name];
    if (service !== undefined) {
      claimed.ims.push(i);
      const value = textValue(prop, warnings);
      if (value.trim() !== '') ims.push({ item: { value, service, label: labelFromTypes('im', typeValues(prop)) }, origin: origin(prop, i), rank: null });
      return;
    }
    if (prop.name === CUSTOM_PROPERTY) {
      claimed.customFields.push(i);
      const key = prop.group !== null ? groups.get(prop.group.toLowerCase())?.label : undefined;
      customs.push({ item: { key: key ?? '', value: textValue(prop, warnings) }, origin: origin(prop, i), rank: null });
    }
  });

  if (soundReading !== null) {
    const reading: { family: string; given: string } = soundReading;
    if (scalars.phoneticFamily.length === 0) fields.name.phoneticFamily = reading.family;
    if (scalars.phoneticGiven.length === 0) fields.name.phoneticGiven = reading.given;
  }
  fields.note = notes.join('\n');
  for (const list of [emails, phones, urls, relations]) finishPrimary(list);
  finishPrimary(addresses);
  const orgs = readOrganizations(orgLines, warnings);

  const items = {
    emails: emails.map((d) => d.origin),
    phones: phones.map((d) => d.origin),
    addresses: addresses.map((d) => d.origin),
    organizations: orgs.map((o) => o.origin),
    dates: dates.map((d) => d.origin),
    urls: urls.map((d) => d.origin),
    ims: ims.map((d) => d.origin),
    relations: relations.map((d) => d.origin),
    customFields: customs.map((d) => d.origin),
  };
  fields.emails = emails.map((d) => d.item);
  fields.phones = phones.map((d) => d.item);
  fields.addresses = addresses.map((d) => d.item);
  fields.organizations = orgs.map((o) => o.item);
  fields.dates = dates.map((d) => d.item);
  fields.urls = urls.map((d) => d.item);
  fields.ims = ims.map((d) => d.item);
  fields.relations = relations.map((d) => d.item);
  fields.customFields = customs.map((d) => d.item);

  return {
    card: { kind: 'contact', fields, photo, uid, version: card.version, warnings },
    origins: { scalars, items, claimed, companions },
  };
}

/** Card → canonical contact or group (the public reading entry point). */
export function toCanonical(card: VCard): CanonicalCard {
  try {
    return readCard(card).card;
  } catch (e) {
    // Defensive: reading is written not to throw; a bug must not stop a sync of 50,000 cards.
    const fields = emptyContactFields();
    return { kind: 'contact', fields, photo: null, uid: null, version: card.version, warnings: [`internal reader error: ${String(e)}`] };
  }
}

