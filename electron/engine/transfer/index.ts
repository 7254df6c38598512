// Import and export of contact files (issue 11), the entry points the contract handlers
// (api/transfer.ts) and the headless CLI call: importFile / runImport read a vCard or CSV file
// and preview or apply it (import.ts); exportToFile writes vCard or CSV (export.ts).
// Invariants: an import never runs while a sync does (both write the hub; the sync's own dry run
// holds a transaction open across awaits); what a preview reports is what applying does.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ExportResult, ImportPreview, ImportResult, ValidParams } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { EngineContext } from '../api/context.ts';
import { getAccount, getAccountByName } from '../db/repos/accounts.ts';
import { exportContacts } from './export.ts';
import type { ExportOptions } from './export.ts';
import { applyImport, previewImport } from './import.ts';
import { checkMapping, loadMappingFile } from './mapping.ts';
import type { ImportMapping } from './mapping.ts';
import { readImport } from './read.ts';
import type { ImportInput } from './read.ts';

export { applyImport, previewImport } from './import.ts';
export { readImport } from './read.ts';
export type { ImportInput, ParsedImport } from './read.ts';
export { exportContacts } from './export.ts';
export type { ExportOptions } from './export.ts';
export { checkMapping, loadMappingFile, parseFieldPath } from './mapping.ts';
export type { ImportMapping } from './mapping.ts';

/** Largest file the engine reads for an import (a 100,000-contact CSV is about 20 MB). */
export const MAX_IMPORT_BYTES = 256 * 2 ** 20;

export type ImportParams = ValidParams<'transfer.applyImport'>;

function readInputFile(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ConcordError('NOT_FOUND', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (size > MAX_IMPORT_BYTES) throw new ConcordError('INVALID_PARAMS', `${path} is larger than ${MAX_IMPORT_BYTES / 2 ** 20} MiB; split it first.`);
  return readFileSync(path);
}

function inputOf(p: ImportParams): ImportInput {
  const bytes = p.path !== undefined ? readInputFile(p.path) : p.base64 !== undefined ? Buffer.from(p.base64, 'base64') : null;
  return {
    bytes,
    text: p.text ?? null,
    fileName: p.fileName ?? (p.path !== undefined ? basename(p.path) : null),
    format: p.format,
    encoding: p.encoding,
    delimiter: p.delimiter,
    // The contract checked the mapping's shape; its field paths are checked here.
    mapping: p.mapping ? checkMapping(p.mapping) : undefined,
  };
}

function intoAccount(ctx: EngineContext, into: string | undefined): { name: string } | null {
  if (into === undefined) return null;
  const account = getAccountByName(ctx.db, into) ?? getAccount(ctx.db, into);
  if (!account) throw new ConcordError('NOT_FOUND', `There is no account "${into}".`);
  return { name: account.name };
}

function notWhileSyncing(ctx: EngineContext): void {
  if (ctx.sync.running) throw new ConcordError('BUSY', 'A sync is running; import when it has finished.');
}

export function runPreview(ctx: EngineContext, p: ImportParams): ImportPreview {
  notWhileSyncing(ctx);
  const into = intoAccount(ctx, p.into);
  const parsed = readImport(inputOf(p));
  return previewImport(ctx.db, parsed, { now: ctx.ports.clock.now(), into, limit: p.limit });
}

export function runImport(ctx: EngineContext, p: ImportParams): ImportResult {
  notWhileSyncing(ctx);
  const into = intoAccount(ctx, p.into);
  const parsed = readImport(inputOf(p));
  const result = applyImport(ctx.db, parsed, { now: ctx.ports.clock.now(), into });
  if (result.imported + result.linked + result.suggested > 0) ctx.emit('contacts.changed', { ids: null });
  return result;
}

export interface ImportFileOptions {
  format?: 'auto' | 'vcf' | 'csv';
  /** Account name (or id) the contacts are meant for; see import.ts on what that does today. */
  into?: string | null;
  /** A mapping object, or the path of a JSON mapping file (CLI --mapping FILE). */
  mapping?: ImportMapping | string | null;
  encoding?: string | null;
  delimiter?: ',' | ';' | '\t' | '|' | null;
  /** Preview only: write nothing (CLI --dry-run). */
  dryRun?: boolean;
  /** Preview: most entries per list (default 100). */
  limit?: number;
}

export type ImportFileOutcome = { dryRun: true; preview: ImportPreview } | { dryRun: false; result: ImportResult };

/** For the CLI: `concord import FILE [--format] [--into] [--mapping FILE] [--dry-run]`. */
export function importFile(ctx: EngineContext, path: string, options: ImportFileOptions = {}): ImportFileOutcome {
  const mapping = typeof options.mapping === 'string' ? loadMappingFile(options.mapping) : (options.mapping ?? undefined);
  const params: ImportParams = {
    path,
    format: options.format ?? 'auto',
    limit: options.limit ?? 100,
    ...(options.into ? { into: options.into } : {}),
    ...(mapping ? { mapping } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  };
  return options.dryRun ? { dryRun: true, preview: runPreview(ctx, params) } : { dryRun: false, result: runImport(ctx, params) };
}

/** For the CLI: `concord export --format vcf|csv [--layout] [--vcard] [--account NAME] --out FILE|DIR`. */
export function exportToFile(ctx: EngineContext, options: Partial<ExportOptions> & Pick<ExportOptions, 'format'>): ExportResult {
  return exportContacts(ctx.db, {
    format: options.format,
    layout: options.layout ?? 'google',
    vcardVersion: options.vcardVersion ?? '3.0',
    account: options.account ?? null,
    out: options.out ?? null,
  });
}
