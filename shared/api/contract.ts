// The one contract between UI and engine (DESIGN.md §2): every method, its params schema (checked
// at runtime by the engine's dispatcher) and its result type. Handler and client types are derived
// from this map, so adding a method here is the only way to add one anywhere.
import { z } from 'zod';
import { accountKinds, conflictPolicies, syncDirections } from '../model/account.ts';
import type { Account } from '../model/account.ts';
import type { Contact, ContactSummary } from '../model/contact.ts';
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
  /** Matching contacts, trash excluded. */
  total: number;
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

export interface FieldChange {
  at: string;
  runId: number | null;
  action: string;
  /** Top-level field of the canonical contact ('emails', 'birthday', …); '*' for creation and trashing. */
  field: string;
  before: unknown;
  after: unknown;
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
        /** Password, app-specific password or refresh token; stored in the SecretStore, never in the database. */
        secret: z.string().min(1).max(4096).nullable().default(null),
        direction: z.enum(syncDirections).default('two-way'),
        defaultRegion: regionCode.nullable().default(null),
        conflictPolicy: z.enum(conflictPolicies).default('ask'),
        priority: z.number().int().min(-100).max(100).default(0),
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
      })
      .strict(),
  ),
  'accounts.remove': method<{ removed: true }>()(z.object({ id }).strict()),

  'contacts.list': method<ContactPage>()(
    z
      .object({
        /** Free text: names, emails, phone digits, organisation, notes. Empty lists everything. */
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
  /** A contact's changes, field by field, newest first. */
  'contacts.history': method<FieldChange[]>()(z.object({ id }).strict()),

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
