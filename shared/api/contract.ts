// The one contract between UI and engine (DESIGN.md §2): every method, its params schema (checked
// at runtime by the engine's dispatcher) and its result type. Handler and client types are derived
// from this map, so adding a method here is the only way to add one anywhere.
import { z } from 'zod';
import { accountKinds, conflictPolicies, groupsModes, syncDirections } from '../model/account.ts';
import type { Account } from '../model/account.ts';
import type { Contact, ContactSummary } from '../model/contact.ts';
import type { DuplicateEvidence } from '../model/duplicate-reasons.ts';
import { settingsSchema } from '../model/settings.ts';
import type { Settings } from '../model/settings.ts';
import type { SyncSummary } from '../model/sync.ts';

/** A method: runtime params schema plus a phantom result type. */
interface MethodSpec<P extends z.ZodType, R> {
  params: P;
  /** Type-level only; never read at runtime. */
  result?: R;
}
function method<R>() {
  return <P extends z.ZodType>(params: P): MethodSpec<P, R> => ({ params });
}

const none = z.object({}).strict();
const id = z.string().min(1).max(200);
const accountName = z.string().trim().min(1).max(100);
const regionCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166 region such as US or CN');

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  host: 'electron' | 'headless' | 'test';
}

export interface ContactPage {
  /** Matching contacts, trash excluded; a search counts only up to a cap (see totalIsLowerBound). */
  total: number;
  /**
   * True when a search stopped counting: there are more than `total` matches (the UI shows
   * "1,000+"). The cap grows with the page asked for, so paging on until a page comes back short
   * reaches every match. Always false without a query.
   */
  totalIsLowerBound: boolean;
  offset: number;
  items: ContactSummary[];
}

export interface ConflictView {
  id: number;
  contactId: string;
  contactName: string;
  accountId: string;
  accountName: string;
  /** Readable path of the disputed field: 'birthday', 'name.given', 'emails[ann@example.org].label'. */
  field: string;
  base: unknown;
  hubValue: unknown;
  accountValue: unknown;
  detectedAt: string;
}

export interface RunView {
  id: number;
  trigger: string;
  status: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  summary: Partial<SyncSummary>;
}

/** One journal entry of a run (history.changes): a hub contact changed or a write to an account. */
export interface RunChangeView {
  at: string;
  /** The journal action: 'contact.create', 'contact.update', 'contact.trash', 'remote.update', 'merge', … */
  action: string;
  contactId: string | null;
  contactName: string;
  accountId: string | null;
  accountName: string | null;
  /** Top-level fields that changed, for updates; empty otherwise. */
  fields: string[];
  /** Reversed by a later undo. */
  undone: boolean;
}

export interface RunChangesPage {
  total: number;
  offset: number;
  items: RunChangeView[];
  /** Whether history.undo would reverse anything (the run changed contacts not yet undone). */
  undoable: boolean;
}

export interface FieldChange {
  at: string;
  runId: number | null;
  action: string;
  /** Top-level field of the canonical contact ('emails', 'birthday', …); '*' for creation and trashing. */
  field: string;
  before: unknown;
  after: unknown;
}

/** One account in status.get: its state and how much Concord holds of it. */
export interface AccountState {
  id: string;
  name: string;
  kind: Account['kind'];
  enabled: boolean;
  direction: Account['settings']['direction'];
  status: Account['status'];
  lastError: string | null;
  lastSyncedAt: string | null;
  /** Items of the account Concord has read (contacts and group cards). */
  records: number;
  /** Open conflicts between the hub and this account. */
  conflicts: number;
  /** Why a safety stop holds the account (approve with sync --yes); null when it does not. */
  pausedFor: string | null;
}

export interface StatusView {
  /** Hub contacts, trash excluded. */
  contacts: number;
  trash: number;
  conflicts: number;
  /** Open merge suggestions (possible duplicates). */
  suggestions: number;
  /** Whether this engine is running a sync right now. */
  syncing: boolean;
  /** The latest finished or running run; null before the first. */
  lastRun: RunView | null;
  accounts: AccountState[];
}

/** A contact row with every email and phone and the accounts holding it (contacts.overview). */
export interface ContactOverview {
  id: string;
  displayName: string;
  emails: string[];
  phones: string[];
  organization: string | null;
  /** Names of the accounts that hold this contact. */
  accounts: string[];
}

export interface ContactOverviewPage {
  /** As in ContactPage. */
  total: number;
  totalIsLowerBound: boolean;
  offset: number;
  items: ContactOverview[];
}

/** One account's copy of a contact (contacts.show). */
export interface HeldRecord {
  accountId: string;
  accountName: string;
  kind: Account['kind'];
  /** Google resourceName, CardDAV href, file name. */
  remoteId: string;
  etag: string | null;
  fetchedAt: string;
  /** How the copy was linked: created by Concord, matched automatically, by the user, imported. */
  how: string;
  fields: Contact['fields'];
}

/** One value of a contact and where it is held (contacts.show). */
export interface HeldValue {
  /** Scalar path as in conflicts ('name.given', 'birthday', 'note', …) or a list field ('emails', 'phones', …). */
  field: string;
  /** The value as stored: text, a date, or one item of a list. */
  value: unknown;
  /** false: only an account has it (held back by an open conflict, or not pulled yet). */
  inHub: boolean;
  /** Names of the accounts whose copy has this value (compared by meaning, not spelling). */
  accounts: string[];
}

export interface ContactDetail extends Contact {
  trashed: boolean;
  records: HeldRecord[];
  values: HeldValue[];
}

export interface TrashView {
  /** The contact's id (restore with trash.restore). */
  id: string;
  displayName: string;
  deletedAt: string;
  purgeAfter: string;
  reason: string;
  runId: number | null;
}

/** A line of an import file and what is wrong with it (1-based; a CSV row's first physical line). */
export interface ImportLine {
  line: number;
  message: string;
}

/** One record of an import file as the preview shows it. */
export interface ImportItemView {
  line: number;
  displayName: string;
  email: string | null;
  phone: string | null;
}

export interface ImportCandidateView {
  contactId: string;
  contactName: string;
  score: number;
  /** Readable evidence: "same email ann@example.org", "same name". */
  reasons: string[];
}

/** A record that would be merged into an existing contact (or into an earlier record of the same file). */
export interface ImportMatchView extends ImportItemView, ImportCandidateView {}

/** A record that would be created, held back and suggested as a possible duplicate of these contacts. */
export interface ImportSuggestionView extends ImportItemView {
  candidates: ImportCandidateView[];
}

/** How one CSV column is read: the canonical field path, or null when it is ignored. */
export interface ImportColumnView {
  column: string;
  field: string | null;
  /** Rows with a value in this column. */
  filled: number;
}

/** transfer.previewImport: what applyImport would do with the same params; nothing is written. */
export interface ImportPreview {
  format: 'vcf' | 'csv';
  /** The encoding the file was read in (WHATWG label) and how it was decided. */
  encoding: string;
  encodingSource: 'bom' | 'detected' | 'given';
  delimiter: string | null;
  dialect: 'vcard' | 'google' | 'outlook' | 'generic';
  columns: ImportColumnView[];
  /** Complete counts; the lists below hold at most `limit` entries each (truncated says so). */
  counts: { records: number; new: number; matched: number; suggested: number; skipped: number };
  new: ImportItemView[];
  matches: ImportMatchView[];
  suggestions: ImportSuggestionView[];
  skipped: ImportLine[];
  warnings: ImportLine[];
  truncated: boolean;
  notes: string[];
}

/**
 * transfer.applyImport. The counts are disjoint: imported (new contacts), linked (merged into an
 * existing contact), suggested (new, but held back from the accounts until the user decides a
 * possible duplicate), skipped (broken or empty records, each in errors with its line).
 */
export interface ImportResult {
  imported: number;
  linked: number;
  suggested: number;
  skipped: number;
  /** The import's run (undo it with history.undo); null when nothing was written. */
  run: number | null;
  errors: ImportLine[];
  warnings: ImportLine[];
  notes: string[];
}

export interface ExportResult {
  format: 'vcf' | 'csv';
  contacts: number;
  /** Files written (absolute paths); empty when the export was returned as text. */
  files: string[];
  /** The exported text when no `out` was given (CSV with its byte-order mark). */
  text: string | null;
  /** Values the chosen layout could not carry, per contact. */
  warnings: string[];
}

/**
 * A CSV column mapping (CLI --mapping FILE, the UI's column picker): column header → canonical
 * field path ('name.given', 'emails[work]', 'phones[mobile]', 'addresses[home].street',
 * 'organizations[0].title', 'customFields[Shoe size]', …) or null to ignore the column. The
 * engine checks the paths (electron/engine/transfer/mapping.ts documents the grammar).
 */
export const importMappingSchema = z
  .object({
    columns: z.record(z.string().min(1).max(300), z.string().min(1).max(300).nullable()),
    /** How to read dates like 03/04/1980 when the day does not give it away. */
    dateOrder: z.enum(['DMY', 'MDY', 'YMD']).optional(),
    /** Splits several values in one cell of list fields (Google writes " ::: "). */
    multiValueSeparator: z.string().min(1).max(10).optional(),
  })
  .strict();

const importParams = z
  .object({
    /** A file the engine reads (hosts with a filesystem: the CLI, the desktop app). */
    path: z.string().min(1).max(4096).optional(),
    /** The file's text (the UI, after the user picked a file). */
    text: z.string().max(256 * 2 ** 20).optional(),
    /** The file's bytes, base64 (lets the engine detect the encoding). */
    base64: z.string().max(342 * 2 ** 20).optional(),
    /** The file's name, to tell .vcf from .csv for inline input. */
    fileName: z.string().min(1).max(255).optional(),
    format: z.enum(['auto', 'vcf', 'csv']).default('auto'),
    /** Overrides encoding detection (a WHATWG label: 'gbk', 'big5', 'windows-1252', …). */
    encoding: z.string().min(1).max(40).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    mapping: importMappingSchema.optional(),
    /** The account the contacts are meant for: checked to exist; the contacts go to the hub and the next sync pushes them (electron/engine/transfer/import.ts says why to every account). */
    into: accountName.optional(),
    /** Preview only: most entries per list. */
    limit: z.number().int().min(0).max(10_000).default(100),
  })
  .strict()
  .refine((p) => [p.path, p.text, p.base64].filter((x) => x !== undefined).length === 1, 'give exactly one of path, text or base64');

/** One pair of a duplicate cluster, with the evidence for and against (duplicates.list). */
export interface DuplicatePairView {
  a: string;
  b: string;
  /** 0..1; tiers: high ≥ 0.75, medium ≥ 0.45 (low pairs are never shown). */
  score: number;
  tier: 'high' | 'medium' | 'low';
  /** Readable evidence: "same mobile +86 138 0013 8000", "张伟 ≈ Zhang Wei (pinyin)", "different birthdays …". */
  reasons: string[];
  /** The same as codes with variables for translation, parallel to reasons (shared/model/duplicate-reasons.ts). */
  evidence: DuplicateEvidence[];
}

/** Hub contacts that look like one person: one suggestion however many cards (duplicates.list). */
export interface DuplicateClusterView {
  /** Names this exact set of contacts; a cluster that changed gets a new id (merge/dismiss then answer NOT_FOUND). */
  id: string;
  contactIds: string[];
  contacts: ContactSummary[];
  /** The weakest link holding the cluster together. */
  score: number;
  tier: 'high' | 'medium' | 'low';
  /** The reasons of the links holding the cluster together (for a pair: its reasons). */
  reasons: string[];
  /** The same as codes, parallel to reasons (evidence[i] is reasons[i]). */
  evidence: DuplicateEvidence[];
  pairs: DuplicatePairView[];
  /** 'link': raised while linking a new account card, which waits for this decision before spreading. */
  origin: 'scan' | 'link';
}

export interface DuplicatePage {
  total: number;
  offset: number;
  items: DuplicateClusterView[];
}

export interface DuplicateScanView {
  contacts: number;
  /** Pairs scored (all pairs would be contacts × (contacts − 1) / 2). */
  compared: number;
  high: number;
  medium: number;
  clusters: number;
  ms: number;
}

export interface MergeTierView {
  /** Clusters merged. */
  merged: number;
  /** The one run holding every merge (history.undo reverses them all); null when nothing was merged. */
  run: number | null;
}

export interface MergeView {
  /** The merge's run: history.undo takes the merge back. */
  run: number;
  survivorId: string;
  /** The other contacts, now in the trash (reason 'merge'). */
  merged: string[];
  /** Account cards moved to the survivor (accounts that held a merged card but not the survivor). */
  movedLinks: number;
}

const clusterIdParam = z.string().min(1).max(100);
/** Which member a merged field is taken from; lists not named here are unions of all members. */
const mergeChoices = z
  .object({
    kind: id.optional(),
    name: id.optional(),
    birthday: id.optional(),
    note: id.optional(),
    photo: id.optional(),
    organizations: id.optional(),
  })
  .strict();

/**
 * accounts.signInGoogle: a started browser sign-in. The account is added later, when Google's
 * redirect arrives: the `account.signedIn` event says so (or `account.signInFailed`).
 */
export interface GoogleSignInView {
  signInId: string;
  /** Google's consent page; shown to the user as a link whether or not the host opened it. */
  url: string;
  /** Whether the host opened `url` in the system browser (Electron); false: the UI opens it. */
  opened: boolean;
  /** ISO time after which the sign-in gives up and frees its loopback port. */
  expiresAt: string;
}

/** accounts.discover: what CardDAV discovery found with the typed-in details (nothing is saved). */
export interface DiscoveryView {
  principal: string;
  addressBooks: { url: string; displayName: string | null }[];
}

export const contract = {
  'app.info': method<AppInfo>()(none),

  'accounts.list': method<Account[]>()(none),
  'accounts.add': method<Account>()(
    z
      .object({
        kind: z.enum(accountKinds),
        name: accountName,
        url: z.url({ protocol: /^https?$/ }).nullable().default(null),
        username: z.string().min(1).max(320).nullable().default(null),
        /** Folder accounts: the absolute path of the folder of .vcf files (created when missing). */
        path: z.string().min(1).max(4096).nullable().default(null),
        /** Password, app-specific password or refresh token; stored in the SecretStore, never in the database. */
        secret: z.string().min(1).max(4096).nullable().default(null),
        direction: z.enum(syncDirections).default('two-way'),
        defaultRegion: regionCode.nullable().default(null),
        conflictPolicy: z.enum(conflictPolicies).default('ask'),
        priority: z.number().int().min(-100).max(100).default(0),
        /** CardDAV/iCloud: CATEGORIES or group cards; default group-cards for iCloud, categories otherwise. */
        groupsMode: z.enum(groupsModes).optional(),
      })
      .strict(),
  ),
  'accounts.update': method<Account>()(
    z
      .object({
        id,
        name: accountName.optional(),
        enabled: z.boolean().optional(),
        direction: z.enum(syncDirections).optional(),
        defaultRegion: regionCode.nullable().optional(),
        conflictPolicy: z.enum(conflictPolicies).optional(),
        priority: z.number().int().min(-100).max(100).optional(),
        groupsMode: z.enum(groupsModes).optional(),
      })
      .strict(),
  ),
  'accounts.remove': method<{ removed: true }>()(z.object({ id }).strict()),

  'contacts.list': method<ContactPage>()(
    z
      .object({
        /** Free text: names (Chinese ones also in pinyin), emails, phone digits, organisation, notes. Empty lists everything. */
        query: z.string().max(200).default(''),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'contacts.get': method<Contact>()(z.object({ id }).strict()),

  'sync.run': method<SyncSummary>()(
    z
      .object({
        /** Only these accounts; all enabled accounts when omitted. */
        accountIds: z.array(id).max(100).optional(),
        /** Plan and report, write nothing anywhere. */
        dryRun: z.boolean().default(false),
        /** Approve a pending safety stop for this run. */
        approve: z.boolean().default(false),
      })
      .strict(),
  ),

  'conflicts.list': method<ConflictView[]>()(z.object({ contactId: id.optional() }).strict()),
  /** Keep the hub's value ('hub') or take the account's ('account') for one disputed field. */
  'conflicts.resolve': method<{ resolved: true }>()(z.object({ id: z.number().int().min(1), keep: z.enum(['hub', 'account']) }).strict()),

  'history.runs': method<RunView[]>()(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict()),
  /** Reverses a run's changes to contacts, then syncs so every account gets the restored state. */
  'history.undo': method<SyncSummary & { undoRun: number; reversed: number }>()(z.object({ run: z.number().int().min(1) }).strict()),
  /** What one run changed, in order (paged): the Activity screen's per-run list. */
  'history.changes': method<RunChangesPage>()(
    z.object({ run: z.number().int().min(1), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
  /** A contact's changes, field by field, newest first. */
  'contacts.history': method<FieldChange[]>()(z.object({ id }).strict()),

  /** Counts and per-account state, for `concord status` and the tray. */
  'status.get': method<StatusView>()(none),
  /** Like contacts.list, with every email and phone and the accounts holding each contact. */
  'contacts.overview': method<ContactOverviewPage>()(
    z
      .object({
        query: z.string().max(200).default(''),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** A contact (trashed ones too) with each account's copy and which account holds which value. */
  'contacts.show': method<ContactDetail>()(z.object({ id }).strict()),
  /**
   * Decides a conflict with another value than keep hub/account: the value a named account holds
   * (any account with a copy of the contact), or one picked by hand (JSON, the field's shape).
   */
  'conflicts.choose': method<{ resolved: true }>()(
    z.union([
      z.object({ id: z.number().int().min(1), accountId: id }).strict(),
      z.object({ id: z.number().int().min(1), value: z.json() }).strict(),
    ]),
  ),
  /** Trashed contacts, newest first (restorable until purgeAfter). */
  'trash.list': method<TrashView[]>()(none),
  /** Takes a contact out of the trash; the next sync brings it back to the accounts. */
  'trash.restore': method<{ restored: true }>()(z.object({ id }).strict()),

  /** Reads a vCard or CSV file and shows what importing it would do; writes nothing. */
  'transfer.previewImport': method<ImportPreview>()(importParams),
  /** Imports a vCard or CSV file as one run (trigger 'import'); history.undo takes it back. */
  'transfer.applyImport': method<ImportResult>()(importParams),
  /** Writes the hub's (or one account's) contacts as vCard or CSV, to `out` or returned as text. */
  'transfer.export': method<ExportResult>()(
    z
      .object({
        format: z.enum(['vcf', 'csv']),
        layout: z.enum(['google', 'outlook']).default('google'),
        vcardVersion: z.enum(['3.0', '4.0']).default('3.0'),
        /** Only the contacts this account holds (id or name); the whole hub when omitted. */
        account: z.string().trim().min(1).max(200).optional(),
        /** A file, or a folder (existing, or ending in a separator): vCards one per file, CSV as contacts.csv. */
        out: z.string().min(1).max(4096).optional(),
      })
      .strict(),
  ),

  /** Possible duplicates as clusters (three cards of one person are one suggestion), strongest first. */
  'duplicates.list': method<DuplicatePage>()(
    z
      .object({
        tier: z.enum(['high', 'medium']).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** Scans the whole hub for duplicates (never all pairs) and replaces the scan's suggestions. */
  'duplicates.scan': method<DuplicateScanView>()(none),
  /** Merges a cluster into one contact as one run (history.undo reverses it); the next sync updates the accounts. */
  'duplicates.merge': method<MergeView>()(z.object({ id: clusterIdParam, survivorId: id.optional(), choices: mergeChoices.optional() }).strict()),
  /** Bulk accept: merges every open cluster of the tier (only 'high') as one run (history.undo takes all back); run is null when there was nothing to merge. */
  'duplicates.mergeTier': method<MergeTierView>()(z.object({ tier: z.literal('high') }).strict()),
  /** "Not the same person": the cluster (or one contact of it, split off) is never suggested again, even after edits. */
  'duplicates.dismiss': method<{ dismissed: number }>()(z.object({ id: clusterIdParam, contactId: id.optional() }).strict()),

  /** Onboarding: adds the two sample address books as folder accounts (only on a hub without other accounts). */
  'demo.load': method<{ accounts: Account[] }>()(none),
  /** Runs CardDAV/iCloud discovery with these details and reports the address books; stores nothing. */
  'accounts.discover': method<DiscoveryView>()(
    z
      .object({
        kind: z.enum(['carddav', 'icloud']),
        url: z.url({ protocol: /^https?$/ }).nullable().default(null),
        username: z.string().min(1).max(320),
        secret: z.string().min(1).max(4096),
      })
      .strict(),
  ),
  /**
   * Starts Google's browser sign-in (loopback redirect with PKCE) for a new account and answers at
   * once; the account is added when the redirect arrives (event account.signedIn / signInFailed).
   * The OAuth client comes from these params or the host's CONCORD_GOOGLE_CLIENT_ID/_SECRET.
   */
  'accounts.signInGoogle': method<GoogleSignInView>()(
    z
      .object({
        name: accountName,
        /** The Google address, if the user typed it (shown in the account list only). */
        username: z.string().min(1).max(320).nullable().default(null),
        direction: z.enum(syncDirections).default('two-way'),
        defaultRegion: regionCode.nullable().default(null),
        conflictPolicy: z.enum(conflictPolicies).default('ask'),
        priority: z.number().int().min(-100).max(100).default(0),
        clientId: z.string().trim().min(1).max(400).optional(),
        clientSecret: z.string().trim().min(1).max(400).optional(),
      })
      .strict(),
  ),
  /** Stops a pending Google sign-in and frees its loopback port; false when none was pending. */
  'accounts.cancelSignIn': method<{ cancelled: boolean }>()(z.object({ signInId: id }).strict()),
  /** Sets one field of a contact back to a value its history holds (journaled; the next sync spreads it). */
  'contacts.restoreField': method<{ restored: true }>()(z.object({ id, field: z.string().min(1).max(40), value: z.json() }).strict()),

  'settings.get': method<Settings>()(none),
  'settings.update': method<Settings>()(settingsSchema.partial().strict()),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type Params<M extends MethodName> = z.input<Contract[M]['params']>;
/** What a handler receives (validated, defaults applied). */
export type ValidParams<M extends MethodName> = z.output<Contract[M]['params']>;
export type Result<M extends MethodName> = NonNullable<Contract[M]['result']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
