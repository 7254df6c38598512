// An import file → records, without touching the database: decode (encoding.ts), tell vCard from
// CSV (the format given, else the file name, else the content), then read cards (vcard-file.ts) or
// rows (csv-read.ts → bindings → csv-fields.ts). Broken and empty records are listed with their
// line and why; a column nobody maps is listed so the user can map it.
// Invariant: pure apart from decoding (no database, no clock): preview and apply read the same
// file into the same records.
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ImportColumnView } from '../../../shared/api/contract.ts';
import type { DialectOrVCard } from './types.ts';
import { detectDialect, isBookkeeping, knownColumn, normalizeHeader } from './columns.ts';
import type { ColumnBinding } from './csv-fields.ts';
import { hasIdentity, rowToFields } from './csv-fields.ts';
import { readCsv } from './csv-read.ts';
import type { DateOrder } from './dates.ts';
import { decodeImport } from './encoding.ts';
import type { DecodedText } from './encoding.ts';
import { parseFieldPath } from './mapping.ts';
import type { ImportMapping } from './mapping.ts';
import { readVCardFile } from './vcard-file.ts';
import type { ImportRecord, LineIssue } from './vcard-file.ts';

export interface ImportInput {
  /** The file's bytes (a path read by the engine, or base64 from the UI); null when `text` is given. */
  bytes: Uint8Array | null;
  /** Already-decoded text (the UI read the file itself). */
  text: string | null;
  fileName: string | null;
  format: 'auto' | 'vcf' | 'csv';
  encoding?: string | undefined;
  delimiter?: string | undefined;
  mapping?: ImportMapping | undefined;
}

export interface ParsedImport {
  format: 'vcf' | 'csv';
  encoding: string;
  encodingSource: 'bom' | 'detected' | 'given';
  delimiter: string | null;
  dialect: DialectOrVCard;
  columns: ImportColumnView[];
  records: ImportRecord[];
  skipped: LineIssue[];
  warnings: LineIssue[];
  notes: string[];
}

function decode(input: ImportInput): DecodedText {
  if (input.text !== null) return { text: input.text.replace(/^\ufeff/, ''), encoding: 'utf-8', source: 'given', warnings: [] };
  if (input.bytes === null) throw new ConcordError('INVALID_PARAMS', 'Nothing to import: give a file path, text or base64.');
  return decodeImport(input.bytes, input.encoding);
}

function formatOf(input: ImportInput, text: string): 'vcf' | 'csv' {
  if (input.format !== 'auto') return input.format;
  const ext = /\.([a-z0-9]+)$/i.exec(input.fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'vcf' || ext === 'vcard') return 'vcf';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  return /^\s*BEGIN:VCARD/i.test(text.slice(0, 1024)) ? 'vcf' : 'csv';
}

export function readImport(input: ImportInput): ParsedImport {
  const decoded = decode(input);
  const format = formatOf(input, decoded.text);
  const base = { encoding: decoded.encoding, encodingSource: decoded.source, notes: [...decoded.warnings] };
  if (format === 'vcf') {
    const read = readVCardFile(input.bytes, decoded);
    const warnings = read.records.flatMap((r) => r.warnings.map((message) => ({ line: r.line, message })));
    if (read.records.length === 0 && read.skipped.length === 0) base.notes.push('The file holds no vCards (no BEGIN:VCARD line).');
    return { ...base, format, delimiter: null, dialect: 'vcard', columns: [], records: read.records, skipped: read.skipped, warnings };
  }
  return readCsvImport(decoded.text, input, base);
}

function bind(header: readonly string[], dialect: ReturnType<typeof detectDialect>, mapping: ImportMapping | undefined): ColumnBinding[] {
  const given = new Map<string, string | null>();
  for (const [column, path] of Object.entries(mapping?.columns ?? {})) given.set(normalizeHeader(column), path);
  return header.map((h, index) => {
    const key = normalizeHeader(h);
    const path = given.has(key) ? (given.get(key) ?? null) : knownColumn(dialect, h);
    if (path === null) return { index, header: h, path: null, target: null };
    const parsed = parseFieldPath(path);
    // Mapping paths were checked (mapping.ts); a bad built-in path is a bug, reported as one.
    if (!parsed.ok) throw new Error(`column "${h}": ${parsed.error}`);
    return { index, header: h, path, target: parsed.target };
  });
}

function readCsvImport(text: string, input: ImportInput, base: Pick<ParsedImport, 'encoding' | 'encodingSource' | 'notes'>): ParsedImport {
  const skipped: LineIssue[] = [];
  const warnings: LineIssue[] = [];
  const records: ImportRecord[] = [];
  const setup = (header: readonly string[], delimiter: string) => {
    const dialect = detectDialect(header);
    return {
      dialect,
      bindings: bind(header, dialect, input.mapping),
      filled: new Array<number>(header.length).fill(0),
      width: header.length,
      // Outlook's English layout and US spreadsheets write month first; a semicolon file comes from
      // a European Excel, which writes day first. A part above 12 decides either way (dates.ts).
      dateOrder: input.mapping?.dateOrder ?? ((delimiter === ';' ? 'DMY' : 'MDY') as DateOrder),
      separator: input.mapping?.multiValueSeparator ?? (dialect === 'google' ? ' ::: ' : null),
    };
  };
  let state: ReturnType<typeof setup> | null = null;
  // Rows are turned into records as they are read, so the cells of a large file are never all held.
  const table = readCsv(text, input.delimiter, (row, t) => {
    const s = (state ??= setup(t.header, t.delimiter));
    for (let i = 0; i < Math.min(s.width, row.cells.length); i++) if (row.cells[i]!.trim()) s.filled[i]! += 1;
    if (!s.bindings.some((b) => b.target !== null)) return;
    if (row.cells.length > s.width && row.cells.slice(s.width).some((c) => c.trim() !== '')) {
      skipped.push({ line: row.line, message: `the row has ${row.cells.length} values but the header has ${s.width} columns (a delimiter inside an unquoted value?)` });
      return;
    }
    const { fields, warnings: rowWarnings } = rowToFields(row.cells, s.bindings, { dateOrder: s.dateOrder, separator: s.separator });
    for (const message of rowWarnings) warnings.push({ line: row.line, message });
    if (!hasIdentity(fields)) {
      skipped.push({ line: row.line, message: 'the row has no name, email, phone or company' });
      return;
    }
    records.push({ line: row.line, fields, photo: null, uid: null, warnings: [] });
  });
  const { dialect, bindings, filled } = state ?? setup(table.header, table.delimiter);
  const mapped = bindings.some((b) => b.target !== null);
  if (table.header.length === 0) base.notes.push('The file is empty.');
  else if (!mapped) base.notes.push('No column was recognised: map the columns to fields (a mapping) to import this file.');
  const unmapped = bindings.filter((b) => b.target === null && (filled[b.index] ?? 0) > 0 && !isBookkeeping(dialect, b.header)).map((b) => `“${b.header}”`);
  if (mapped && unmapped.length > 0) base.notes.push(`Not imported (no field mapped): ${unmapped.join(', ')}.`);
  skipped.push(...table.broken);
  skipped.sort((a, b) => a.line - b.line);
  return {
    ...base,
    format: 'csv',
    delimiter: table.delimiter,
    dialect,
    columns: bindings.map((b) => ({ column: b.header, field: b.path, filled: filled[b.index] ?? 0 })),
    records,
    skipped,
    warnings,
  };
}
