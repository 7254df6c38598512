// Canonical fields → a fresh vCard 3.0 (what iCloud accepts) or 4.0 text: CRLF line ends, lines
// folded at 75 octets, PRODID of Concord, VERSION first (RFC 6350 §6.7.9), N and FN always
// present (iCloud answers 403 without N; Radicale 400 without FN — carddav-icloud.md §3.4).
// An empty formattedName is written as an empty FN (Apple's company cards do the same) rather
// than invented, so reading the card back gives the same fields.
// Invariant: output is deterministic (no REV, no clock), so equal fields give equal text.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { listSections } from './canonical.ts';
import type { ListSection, ScalarSection } from './canonical.ts';
import type { VCardVersion } from './types.ts';
import { itemLines, scalarLines } from './write-fields.ts';
import type { PhotoBytes, WriteContext } from './write-fields.ts';
import { escapeText, fold, renderLine } from './write-line.ts';
import type { LineSpec } from './write-line.ts';

export const PRODID = '-//Concord//Concord//EN';

export interface SerializeOptions {
  version: '3.0' | '4.0';
  uid: string;
  /** The image bytes for fields.photo when it is embedded (fields.photo.hash); omitted → no PHOTO line. */
  photo?: PhotoBytes | null;
}

/** Order of sections in a fresh card: identity first, then lists, then bulky values. */
export const sectionOrder: readonly (ScalarSection | ListSection)[] = [
  'kind',
  'name',
  'formattedName',
  'phoneticGiven',
  'phoneticMiddle',
  'phoneticFamily',
  'nicknames',
  'organizations',
  'emails',
  'phones',
  'addresses',
  'urls',
  'ims',
  'birthday',
  'dates',
  'relations',
  'customFields',
  'note',
  'groups',
  'photo',
];

const isList = (s: ScalarSection | ListSection): s is ListSection => (listSections as readonly string[]).includes(s);

/** Fresh lines for one section; grouped items take their `itemN` from allocateGroup. */
export function sectionSpecs(
  section: ScalarSection | ListSection,
  fields: ContactFields,
  ctx: WriteContext,
  photo: PhotoBytes | null,
  allocateGroup: () => string,
): LineSpec[] {
  if (!isList(section)) return scalarLines(section, fields, ctx, photo);
  const out: LineSpec[] = [];
  const count = fields[section].length;
  for (let i = 0; i < count; i++) {
    const item = itemLines(section, fields, i, ctx, i === 0);
    if (item.grouped) {
      const group = allocateGroup();
      for (const l of item.lines) l.group = group;
    }
    out.push(...item.lines);
  }
  return out;
}

export function serialize(fields: ContactFields, options: SerializeOptions): string {
  const version: VCardVersion = options.version;
  const ctx: WriteContext = { version, anniversaryTaken: false };
  let group = 0;
  const allocate = () => `item${++group}`;
  const parts: string[] = ['BEGIN:VCARD\r\n', `VERSION:${version}\r\n`, fold(`PRODID:${PRODID}`)];
  for (const section of sectionOrder) {
    for (const spec of sectionSpecs(section, fields, ctx, options.photo ?? null, allocate)) parts.push(fold(renderLine(spec, version)));
  }
  parts.push(fold(`UID:${escapeText(options.uid, version, false)}`), 'END:VCARD\r\n');
  return parts.join('');
}
