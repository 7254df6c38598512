// The import screen's column picker as data: which fields a column can be mapped to, and the
// mapping sent with transfer.previewImport / applyImport. Pure, so it is unit-tested.
// Invariant: the mapping carries only the user's overrides (a column left as detected is not
// sent), and every path offered is one the engine's grammar accepts (electron/engine/transfer/mapping.ts).
import type { ImportColumnView } from '../../../../shared/api/contract.ts';

/** A choice in a column's picker: a canonical field path, or null to ignore the column. */
export type ColumnChoice = string | null;

/** Fields offered for a column, in the order people look for them. */
export const fieldPaths = [
  'name.given',
  'name.family',
  'name.middle',
  'name.prefix',
  'name.suffix',
  'formattedName',
  'nicknames',
  'emails[home]',
  'emails[work]',
  'emails[other]',
  'phones[mobile]',
  'phones[home]',
  'phones[work]',
  'phones[other]',
  'organizations[0].name',
  'organizations[0].title',
  'organizations[0].department',
  'addresses[home].street',
  'addresses[home].locality',
  'addresses[home].region',
  'addresses[home].postalCode',
  'addresses[home].country',
  'addresses[work].street',
  'addresses[work].locality',
  'birthday',
  'urls',
  'groups',
  'note',
] as const;
export type FieldPath = (typeof fieldPaths)[number];

/** A path the picker has no label for ("emails[1]", "addresses[home].street"), split for display. */
export function describePath(path: string): { field: string; key: string | null; part: string | null } {
  const m = /^(\w+)(?:\[([^\]]*)\])?(?:\.(\w+))?$/.exec(path);
  if (!m) return { field: path, key: null, part: null };
  const key = m[2] !== undefined && !/^\d+$/.test(m[2]) ? m[2] : null;
  return { field: m[1]!, key, part: m[3] ?? null };
}

/** "customFields[Shoe size]": keeps an unknown column's values under its own heading. */
export function customFieldPath(column: string): string {
  // ']' ends the key in the path grammar; a header with one keeps the rest of its text.
  return `customFields[${column.replace(/[[\]]/g, ' ').trim() || 'Column'}]`;
}

export function isKnownPath(path: string): path is FieldPath {
  return (fieldPaths as readonly string[]).includes(path);
}

/** The columns the engine could not place (the ones the user should look at first). */
export function unknownColumns(columns: readonly ImportColumnView[]): ImportColumnView[] {
  return columns.filter((c) => c.field === null && c.filled > 0);
}

/**
 * The mapping for the engine: the user's choices that differ from what was detected. undefined when
 * there are none (the engine then reads the file exactly as detected).
 */
export function mappingFor(
  detected: readonly ImportColumnView[],
  choices: Readonly<Record<string, ColumnChoice>>,
): { columns: Record<string, string | null> } | undefined {
  const columns: Record<string, string | null> = {};
  for (const c of detected) {
    if (!Object.hasOwn(choices, c.column)) continue;
    const choice = choices[c.column]!;
    if (choice !== c.field) columns[c.column] = choice;
  }
  return Object.keys(columns).length > 0 ? { columns } : undefined;
}

/** The value shown in a column's picker: the user's choice, else the detected field. */
export function choiceOf(column: ImportColumnView, choices: Readonly<Record<string, ColumnChoice>>): ColumnChoice {
  return Object.hasOwn(choices, column.column) ? choices[column.column]! : column.field;
}

/** Reads a picked file for transfer.*Import: bytes as base64 so the engine detects the encoding itself. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** The download name for an export: concord-contacts-2026-11-25.vcf / .csv. */
export function exportFileName(format: 'vcf' | 'csv', now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `concord-contacts-${day}.${format}`;
}
