// Export: the hub's live contacts (or those one account holds) as vCard 3.0/4.0, in one file or
// a folder of one card per file, or as CSV in Google's or Outlook's layout (csv-layouts.ts),
// written as csv-write.ts explains (UTF-8 with BOM, RFC 4180 quoting, OWASP CSV-injection
// neutralisation). Cards carry the hub contact's id as UID, so importing an exported file back
// links every card to the contact it came from instead of duplicating it.
// Invariants: the database is only read; a single output file is written to a temporary name and
// renamed, so an interrupted export never leaves half a file under the name the user gave.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ExportResult } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { ReadableDb } from '../db/handle.ts';
import { getAccount, getAccountByName } from '../db/repos/accounts.ts';
import { getBlob } from '../db/repos/blobs.ts';
import { countContacts, getContact, listContacts } from '../db/repos/contacts.ts';
import { getLink } from '../db/repos/links.ts';
import { listRecords } from '../db/repos/records.ts';
import { serialize } from '../model/vcard/index.ts';
import { googleLayout, outlookLayout } from './csv-layouts.ts';
import type { LayoutContact } from './csv-layouts.ts';
import { csvText } from './csv-write.ts';

export interface ExportOptions {
  format: 'vcf' | 'csv';
  layout: 'google' | 'outlook';
  vcardVersion: '3.0' | '4.0';
  /** Account id or name; null: every live contact in the hub. */
  account: string | null;
  /** File or folder; null: return the text. */
  out: string | null;
}

interface ExportContact extends LayoutContact {
  displayName: string;
  sortKey: string;
}

/** Live contacts, sorted as the contact list sorts them. */
export function contactsToExport(db: ReadableDb, account: string | null): ExportContact[] {
  if (account === null) {
    const total = countContacts(db);
    return listContacts(db, { query: '', offset: 0, limit: Math.max(1, total) }).rows.map((r) => ({ id: r.id, fields: r.fields, displayName: r.displayName, sortKey: r.sortKey }));
  }
  const found = getAccount(db, account) ?? getAccountByName(db, account);
  if (!found) throw new ConcordError('NOT_FOUND', `There is no account "${account}".`);
  const seen = new Set<string>();
  const out: ExportContact[] = [];
  for (const record of listRecords(db, found.id)) {
    const link = getLink(db, record.id);
    if (!link || seen.has(link.contactId)) continue;
    seen.add(link.contactId);
    const c = getContact(db, link.contactId);
    if (c && !c.trashed) out.push({ id: c.id, fields: c.fields, displayName: c.displayName, sortKey: c.sortKey });
  }
  return out.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

function card(db: ReadableDb, c: { id: string; fields: ContactFields }, version: '3.0' | '4.0'): string {
  const hash = c.fields.photo?.hash;
  const blob = hash ? getBlob(db, hash) : null;
  return serialize(c.fields, { version, uid: c.id, photo: blob ? { mediaType: blob.mediaType, bytes: blob.bytes } : null });
}

/** A file name from a display name: no characters Windows, macOS or Linux refuse; unique in the folder. */
function fileName(name: string, used: Set<string>): string {
  const replaced = Array.from(name, (ch) => (ch.charCodeAt(0) < 32 || ch === '\u007f' || '<>:"/\\|?*'.includes(ch) ? '_' : ch)).join('');
  const base = replaced.replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 100) || 'contact';
  // Windows reserves these names whatever the extension.
  const safe = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `${base}_` : base;
  let candidate = `${safe}.vcf`;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${safe} (${n}).vcf`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function isFolder(out: string): boolean {
  if (out.endsWith('/') || out.endsWith(sep)) return true;
  try {
    return statSync(out).isDirectory();
  } catch {
    return false;
  }
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** File-system failures are the user's to fix (a missing folder, no permission): say which. */
function writing<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConcordError('NOT_FOUND', `Cannot write ${path}: its folder does not exist.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new ConcordError('INVALID_PARAMS', `Cannot write ${path}: permission denied.`);
    if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENOSPC') throw new ConcordError('INVALID_PARAMS', `Cannot write ${path} (${code}).`);
    throw error;
  }
}

export function exportContacts(db: ReadableDb, options: ExportOptions): ExportResult {
  const contacts = contactsToExport(db, options.account);
  const folder = options.out !== null && isFolder(options.out);
  if (options.format === 'vcf') {
    if (folder) {
      const dir = resolve(options.out!);
      writing(dir, () => mkdirSync(dir, { recursive: true }));
      const used = new Set<string>();
      const files = contacts.map((c) => {
        const path = join(dir, fileName(c.displayName, used));
        writing(path, () => writeFileSync(path, card(db, c, options.vcardVersion), 'utf8'));
        return path;
      });
      return { format: 'vcf', contacts: contacts.length, files, text: null, warnings: [] };
    }
    const text = contacts.map((c) => card(db, c, options.vcardVersion)).join('');
    return finish('vcf', contacts.length, text, options.out, []);
  }
  const layout = options.layout === 'google' ? googleLayout(contacts) : outlookLayout(contacts);
  const text = csvText(layout.columns, layout.rows);
  const out = folder ? join(resolve(options.out!), 'contacts.csv') : options.out;
  if (folder) writing(options.out!, () => mkdirSync(resolve(options.out!), { recursive: true }));
  return finish('csv', contacts.length, text, out, layout.warnings);
}

function finish(format: 'vcf' | 'csv', count: number, text: string, out: string | null, warnings: string[]): ExportResult {
  if (out === null) return { format, contacts: count, files: [], text, warnings };
  const path = resolve(out);
  writing(path, () => writeAtomically(path, text));
  return { format, contacts: count, files: [path], text: null, warnings };
}
