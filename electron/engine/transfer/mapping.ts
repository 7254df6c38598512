// Column mappings for CSV import: which canonical field a column fills. The same path grammar
// serves the user's mapping (CLI --mapping FILE, the UI's column picker) and Concord's own tables
// of well-known headers (columns.ts), so there is one reader of columns, not one per dialect.
//
// Grammar (one path per column):
//   name.prefix | name.given | name.middle | name.family | name.suffix
//   name.phoneticGiven | name.phoneticMiddle | name.phoneticFamily
//   formattedName | note | birthday | photo | nicknames | groups
//   emails | phones | urls | relations | dates | ims | customFields      (one new item per column)
//   emails[KEY] … customFields[KEY]          an item; KEY is its label (ims: its service,
//                                            customFields: its key); digits = no label;
//                                            "work#2" = a second item labelled work
//   emails[KEY].value | .label               the label from another column (Google's "E-mail 1 - Label")
//   ims[KEY].value | .service | .label
//   addresses[KEY].street | .extended | .poBox | .locality | .region | .postalCode | .country
//                      | .countryCode | .label | .formatted
//   organizations[KEY].name | .department | .title | .phoneticName   (organizations = [0].name)
// Invariant: parseFieldPath accepts exactly this grammar; every accepted path has one Target.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { importMappingSchema } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';

export type ScalarPath =
  | 'name.prefix'
  | 'name.given'
  | 'name.middle'
  | 'name.family'
  | 'name.suffix'
  | 'name.phoneticGiven'
  | 'name.phoneticMiddle'
  | 'name.phoneticFamily'
  | 'formattedName'
  | 'note'
  | 'birthday'
  | 'photo';

export type ItemField = 'emails' | 'phones' | 'urls' | 'relations' | 'dates' | 'ims' | 'customFields';
export type AddressPart = 'street' | 'extended' | 'poBox' | 'locality' | 'region' | 'postalCode' | 'country' | 'countryCode' | 'label' | 'formatted';
export type OrganizationPart = 'name' | 'department' | 'title' | 'phoneticName';

export type Target =
  | { kind: 'scalar'; path: ScalarPath }
  | { kind: 'nicknames' }
  | { kind: 'groups' }
  /** key null: every column is an item of its own (`emails` mapped twice gives two emails). */
  | { kind: 'item'; field: ItemField; key: string | null; part: 'value' | 'label' | 'service' }
  | { kind: 'address'; key: string; part: AddressPart }
  | { kind: 'organization'; key: string; part: OrganizationPart };

const scalarPaths: readonly ScalarPath[] = [
  'name.prefix',
  'name.given',
  'name.middle',
  'name.family',
  'name.suffix',
  'name.phoneticGiven',
  'name.phoneticMiddle',
  'name.phoneticFamily',
  'formattedName',
  'note',
  'birthday',
  'photo',
];
const itemFields: readonly ItemField[] = ['emails', 'phones', 'urls', 'relations', 'dates', 'ims', 'customFields'];
const addressParts: readonly AddressPart[] = ['street', 'extended', 'poBox', 'locality', 'region', 'postalCode', 'country', 'countryCode', 'label', 'formatted'];
const organizationParts: readonly OrganizationPart[] = ['name', 'department', 'title', 'phoneticName'];

const pathPattern = /^([A-Za-z]+(?:\.[A-Za-z]+)?)(?:\[([^\]]+)\])?(?:\.([A-Za-z]+))?$/;

export type PathResult = { ok: true; target: Target } | { ok: false; error: string };

const fail = (error: string): PathResult => ({ ok: false, error });

export function parseFieldPath(path: string): PathResult {
  const trimmed = path.trim();
  const m = pathPattern.exec(trimmed);
  if (!m) return fail(`"${path}" is not a field path (examples: name.given, emails[work], addresses[home].street)`);
  const [, head = '', rawKey, part] = m;
  const key = rawKey?.trim();
  if (rawKey !== undefined && !key) return fail(`"${path}": the brackets are empty`);
  if ((scalarPaths as readonly string[]).includes(head)) {
    if (key !== undefined || part !== undefined) return fail(`"${path}": ${head} takes no [key] or .part`);
    return { ok: true, target: { kind: 'scalar', path: head as ScalarPath } };
  }
  if (head === 'nicknames' || head === 'groups') {
    if (key !== undefined || part !== undefined) return fail(`"${path}": ${head} takes no [key] or .part`);
    return { ok: true, target: { kind: head } };
  }
  if ((itemFields as readonly string[]).includes(head)) {
    const field = head as ItemField;
    const allowed = field === 'ims' ? ['value', 'label', 'service'] : ['value', 'label'];
    const p = part ?? 'value';
    if (!allowed.includes(p)) return fail(`"${path}": ${field} items have ${allowed.map((a) => `.${a}`).join(', ')}`);
    if (key === undefined && p !== 'value') return fail(`"${path}": a .${p} column needs the item's [key], e.g. ${field}[1].${p}`);
    return { ok: true, target: { kind: 'item', field, key: key ?? null, part: p as 'value' | 'label' | 'service' } };
  }
  if (head === 'addresses') {
    if (key === undefined || part === undefined) return fail(`"${path}": addresses need a [key] and a part, e.g. addresses[home].street`);
    if (!(addressParts as readonly string[]).includes(part)) return fail(`"${path}": address parts are ${addressParts.join(', ')}`);
    return { ok: true, target: { kind: 'address', key, part: part as AddressPart } };
  }
  if (head === 'organizations') {
    const p = part ?? 'name';
    if (!(organizationParts as readonly string[]).includes(p)) return fail(`"${path}": organization parts are ${organizationParts.join(', ')}`);
    return { ok: true, target: { kind: 'organization', key: key ?? '0', part: p as OrganizationPart } };
  }
  return fail(`"${path}": unknown field "${head}"`);
}

/** The mapping schema with every path checked (the contract's schema checks only the shape). */
export const mappingSchema = importMappingSchema.superRefine((m, ctx) => {
  for (const [column, path] of Object.entries(m.columns)) {
    if (path === null) continue;
    const r = parseFieldPath(path);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['columns', column], message: r.error });
  }
});

export type ImportMapping = z.output<typeof importMappingSchema>;

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates a mapping object (throws INVALID_PARAMS naming each bad column). */
export function checkMapping(value: unknown): ImportMapping {
  // A bare { column: path } object is accepted as the columns of a mapping.
  const candidate =
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('columns' in value) ? { columns: value } : value;
  const parsed = mappingSchema.safeParse(candidate);
  if (!parsed.success) throw new ConcordError('INVALID_PARAMS', `The column mapping is invalid: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Reads and validates a mapping file (JSON) for the CLI's --mapping FILE. */
export function loadMappingFile(path: string): ImportMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConcordError('NOT_FOUND', `Cannot read the mapping file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ConcordError('INVALID_PARAMS', `The mapping file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return checkMapping(json);
}
