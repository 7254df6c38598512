// Import: records read from a file (read.ts) go through the same linking as a sync pull
// (sync/plan-pull.ts planPullItem): the card's own UID naming a hub contact, or exactly one strong
// match from the blocking index, merges into that contact (three-way merge without a base: lists
// are united, a differing scalar keeps Concord's value and is reported); a medium match creates the
// contact, holds it back from the accounts and raises a suggestion; no match creates it.
// The whole import is one transaction and one run (trigger 'import'), every hub write journaled
// under the run's id, so history.undo (sync/undo.ts reverseRun) takes it back: created contacts go
// to the trash, merged ones get their earlier fields back. A failure rolls everything back.
// The preview executes exactly the same code inside a transaction that is rolled back (as
// sync/dry-run.ts does), so it counts what applying would do, duplicates within the file included.
// `into`: contacts are written to the hub and the next sync creates them in every enabled account
// (push creates what an account lacks, sync/push.ts); targeting one account would need a per-
// account push filter in sync/, which is not this module's to change.
// Invariants: nothing is written outside the transaction; an exception leaves the hub as it was.
import type { ImportCandidateView, ImportItemView, ImportMatchView, ImportPreview, ImportResult, ImportSuggestionView } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { WritableDb } from '../db/handle.ts';
import { inTransaction } from '../db/handle.ts';
import { putBlob } from '../db/repos/blobs.ts';
import { contactsSharingKeys } from '../db/repos/contact-keys.ts';
import { getContact } from '../db/repos/contacts.ts';
import { holdContact } from '../db/repos/holds.ts';
import { finishRun, startRun } from '../db/repos/runs.ts';
import { insertLinkSuggestion } from '../db/repos/suggestions.ts';
import { changeContact, createContact, hubNormalize } from '../hub/contacts.ts';
import { blockingKeys, contactKeys } from '../match/keys.ts';
import type { ContactKeys } from '../match/keys.ts';
import { scorePair } from '../match/score.ts';
import { displayName } from '../model/display.ts';
import { planPullItem } from '../sync/plan-pull.ts';
import type { Candidate } from '../sync/plan-pull.ts';
import type { ParsedImport } from './read.ts';
import type { ImportRecord, LineIssue } from './vcard-file.ts';

interface Executed {
  run: number;
  counts: { new: number; matched: number; suggested: number };
  /** The first `limit` records of each kind, for the preview. */
  lists: { new: ImportItemView[]; matches: ImportMatchView[]; suggestions: ImportSuggestionView[] };
  warnings: LineIssue[];
}

interface Known {
  fields: ContactFields;
  keys: ContactKeys;
  name: string;
}

export interface ImportOptions {
  now: number;
  /** The account named by `into`, for the notes; the hub receives the contacts either way. */
  into?: { name: string } | null;
}

/** Most contacts kept in the cache below; a re-import of 100,000 rows must not hold them all. */
const KNOWN_CACHE = 5000;

/** Hub contacts seen while linking, with their match keys: computed once per import, not per candidate. */
function knownContacts(db: WritableDb) {
  const cache = new Map<string, Known | null>();
  return {
    get(id: string): Known | null {
      let k = cache.get(id);
      if (k === undefined) {
        const row = getContact(db, id);
        k = row && !row.trashed ? { fields: row.fields, keys: contactKeys(row.fields, hubNormalize), name: row.displayName } : null;
        // Popular candidates (a shared switchboard number) are probed again and again; the rest once.
        if (cache.size >= KNOWN_CACHE) cache.clear();
        cache.set(id, k);
      }
      return k;
    },
    forget(id: string) {
      cache.delete(id);
    },
  };
}

function execute(db: WritableDb, parsed: ParsedImport, options: ImportOptions, limit: number): Executed {
  const run = startRun(db, 'import', options.now);
  const w = { db, now: options.now, runId: run };
  const known = knownContacts(db);
  const createdAt = new Map<string, number>(); // contact created by this import → its line
  const counts = { new: 0, matched: 0, suggested: 0 };
  const lists: Executed['lists'] = { new: [], matches: [], suggestions: [] };
  const warnings: LineIssue[] = [];
  const view = (c: Candidate): ImportCandidateView => {
    const line = createdAt.get(c.contactId);
    return { contactId: c.contactId, contactName: known.get(c.contactId)?.name ?? '', score: c.score, reasons: line ? [...c.reasons, `line ${line} of this file`] : c.reasons };
  };
  for (const rec of parsed.records) {
    const keys = contactKeys(rec.fields, hubNormalize);
    const candidates: Candidate[] = [];
    for (const id of contactsSharingKeys(db, blockingKeys(keys)).keys()) {
      const k = known.get(id);
      if (!k) continue;
      candidates.push({ contactId: id, fields: k.fields, ...scorePair(rec.fields, k.fields, hubNormalize, keys, k.keys), linkedHere: false });
    }
    const own = rec.uid ? known.get(rec.uid) : null;
    const action = planPullItem({
      fields: rec.fields,
      hash: '',
      remoteUpdatedAt: null,
      stored: null,
      origin: own && rec.uid ? { contactId: rec.uid, fields: own.fields } : null,
      candidates,
      policy: 'ask',
      outranks: false,
      options: hubNormalize,
    });
    // The card's photo bytes, for a new contact or for one that had no photo (the merge takes it).
    if (rec.photo) putBlob(db, rec.photo);
    if (action.kind === 'link') {
      if (action.hubNext) {
        changeContact(w, action.contactId, action.hubNext);
        known.forget(action.contactId);
      }
      for (const c of action.conflicts) warnings.push({ line: rec.line, message: `kept the existing ${c.path} of “${known.get(action.contactId)?.name ?? ''}”: the file has a different one` });
      if (counts.matched++ < limit) {
        const chosen = candidates.find((c) => c.contactId === action.contactId);
        const match = chosen
          ? view(chosen)
          : { contactId: action.contactId, contactName: known.get(action.contactId)?.name ?? '', score: 1, reasons: ['the card’s UID is this contact’s id in Concord'] };
        lists.matches.push({ ...item(rec), ...match });
      }
      continue;
    }
    if (action.kind !== 'create') continue; // echo/merge need a stored record: never for imports
    const row = createContact(w, action.fields);
    createdAt.set(row.id, rec.line);
    if (action.suggest.length > 0) {
      // A possible duplicate: kept out of the accounts until the user decides (as sync/pull.ts does).
      holdContact(db, row.id, options.now);
      for (const s of action.suggest) insertLinkSuggestion(db, row.id, s.contactId, s.score, s.tier, s.reasons, options.now);
      if (counts.suggested++ < limit) lists.suggestions.push({ ...item(rec), candidates: action.suggest.map(view) });
    } else if (counts.new++ < limit) lists.new.push(item(rec));
  }
  const { new: imported, matched: linked, suggested } = counts;
  const skipped = parsed.skipped.length;
  const status = skipped > 0 ? 'partial' : 'ok';
  // created/updated/errors as a sync report names them, so history shows an import like a run.
  finishRun(db, run, status, options.now, { created: imported + suggested, updated: linked, deleted: 0, errors: skipped, imported, linked, suggested, skipped, format: parsed.format });
  return { run, counts, lists, warnings };
}

function notes(parsed: ParsedImport, options: ImportOptions): string[] {
  const out = [...parsed.notes];
  if (options.into) {
    out.push(`The contacts go to Concord's hub; the next sync adds them to ${options.into.name} and to every other enabled account.`);
  }
  return out;
}

function item(rec: ImportRecord): ImportItemView {
  return { line: rec.line, displayName: displayName(rec.fields), email: rec.fields.emails[0]?.value ?? null, phone: rec.fields.phones[0]?.value ?? null };
}

/** What applyImport would do; runs the import in a transaction that is rolled back. */
export function previewImport(db: WritableDb, parsed: ParsedImport, options: ImportOptions & { limit: number }): ImportPreview {
  if (db.inTransaction) throw new ConcordError('BUSY', 'Concord is busy writing (a sync or another import); try the preview again in a moment.');
  db.exec('BEGIN IMMEDIATE');
  let executed: Executed;
  try {
    executed = execute(db, parsed, options, options.limit);
  } finally {
    db.exec('ROLLBACK');
  }
  const { counts, lists } = executed;
  const cap = <T>(xs: T[]): T[] => xs.slice(0, options.limit);
  const warnings = [...parsed.warnings, ...executed.warnings].sort((a, b) => a.line - b.line);
  const full = [counts.new, counts.matched, counts.suggested, parsed.skipped.length, warnings.length];
  return {
    format: parsed.format,
    encoding: parsed.encoding,
    encodingSource: parsed.encodingSource,
    delimiter: parsed.delimiter,
    dialect: parsed.dialect,
    columns: parsed.columns,
    counts: { records: parsed.records.length + parsed.skipped.length, new: counts.new, matched: counts.matched, suggested: counts.suggested, skipped: parsed.skipped.length },
    new: cap(lists.new),
    matches: cap(lists.matches),
    suggestions: cap(lists.suggestions),
    skipped: cap(parsed.skipped),
    warnings: cap(warnings),
    truncated: full.some((n) => n > options.limit),
    notes: notes(parsed, options),
  };
}

/** Imports the records as one run; all or nothing. */
export function applyImport(db: WritableDb, parsed: ParsedImport, options: ImportOptions): ImportResult {
  if (db.inTransaction) throw new ConcordError('BUSY', 'Concord is busy writing (a sync or another import); try the import again in a moment.');
  if (parsed.records.length === 0) {
    // Nothing readable: no run, nothing written (the errors say why).
    return { imported: 0, linked: 0, suggested: 0, skipped: parsed.skipped.length, run: null, errors: parsed.skipped, warnings: parsed.warnings, notes: notes(parsed, options) };
  }
  const executed = inTransaction(db, () => execute(db, parsed, options, 0));
  return {
    imported: executed.counts.new,
    linked: executed.counts.matched,
    suggested: executed.counts.suggested,
    skipped: parsed.skipped.length,
    run: executed.run,
    errors: parsed.skipped,
    warnings: [...parsed.warnings, ...executed.warnings].sort((a, b) => a.line - b.line),
    notes: notes(parsed, options),
  };
}
