// The storage interface every account kind implements (DESIGN.md §4; vdirsyncer's storage
// interface is the model): incremental listing with a cursor, and writes that always carry a
// precondition. Invariants every provider keeps, checked by test/contract/contact-source.suite.ts:
// - no unconditional write exists: update and delete need the etag the caller last saw;
// - a stale etag is a `precondition-failed` ProviderError and changes nothing;
// - a cursor the server no longer accepts is `cursor-invalid`, so the engine can fall back to a
//   full listing that reconciles without deleting anything before the listing completed.

/** One remote contact exactly as the server has it. */
export interface RemoteItem {
  /** Google resourceName or CardDAV href: stable for the item's lifetime. */
  id: string;
  /** Opaque version tag, presented back on every write. */
  etag: string;
  /** The raw representation, byte for byte as received (vCard text, or Person JSON). */
  payload: string;
  contentType: 'text/vcard' | 'application/json';
  /** The server's last-modified time in ms, when it says (used by the "newest wins" policy). */
  updatedAt: number | null;
}

/** One page of a listing. */
export interface ChangePage {
  changed: RemoteItem[];
  /** Ids deleted since the cursor (incremental listings only). */
  deleted: string[];
  /** Present on the last page only: store it after every page has been committed. */
  nextCursor: string | null;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface SourceCapabilities {
  /** The client may choose the new item's id (CardDAV `<UID>.vcf`); a repeated create then fails instead of duplicating. */
  clientChosenIds: boolean;
  /** Most items one listing page or batch call carries. */
  maxBatch: number;
  /**
   * Writes the engine may have in flight at once (default 1). Network servers answer several
   * conditional PUTs in parallel; each write still carries its own precondition, so order between
   * different items never matters.
   */
  writeConcurrency?: number;
}

export interface ContactSource {
  readonly capabilities: SourceCapabilities;
  /** cursor null: a full listing (every item, no deletions). Otherwise changes since the cursor. */
  listChanges(cursor: string | null, options?: CallOptions): AsyncIterable<ChangePage>;
  /** Current versions of the given ids; missing ids are left out. */
  get(ids: readonly string[], options?: CallOptions): Promise<RemoteItem[]>;
  /** Returns the server's version (servers rewrite cards: that version becomes the new base). */
  create(payload: string, options?: CallOptions & { idHint?: string }): Promise<RemoteItem>;
  update(id: string, etag: string, payload: string, options?: CallOptions): Promise<RemoteItem>;
  delete(id: string, etag: string, options?: CallOptions): Promise<void>;
  /**
   * Optional: many creates in few requests (Google's batchCreateContacts, 200 per call), where a
   * provider's rate limits count calls. One outcome per entry, in order; a failed entry fails alone.
   */
  batchCreate?(entries: readonly { payload: string; idHint: string }[], options?: CallOptions): Promise<WriteOutcome<RemoteItem>[]>;
  /**
   * Optional: what the provider changed on the way out and the person should know (iCloud: "photo
   * reduced to fit"), by item id, since the last call; the engine puts them in the run's report.
   */
  takeWarnings?(): { id: string; message: string }[];
}

/** The result of one entry of a batch write. */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export type ProviderErrorKind =
  | 'precondition-failed' // etag mismatch, or create of an id that exists: refetch and re-plan
  | 'not-found'
  | 'auth' // credentials rejected or expired: the account needs the user
  | 'rate-limited' // back off; retryAfterMs when the server said
  | 'cursor-invalid' // sync token expired or unknown: do a full listing
  | 'in-doubt' // this write's outcome is unknown (answer lost); it is checked before being sent again — this item only
  | 'rejected' // the server refused this payload (too large, invalid): report the item, go on
  | 'unavailable' // network down, 5xx: retry later; nothing is lost
  | 'cancelled';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryAfterMs: number | null;
  readonly status: number | null;
  constructor(kind: ProviderErrorKind, message: string, details: { retryAfterMs?: number; status?: number; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.status = details.status ?? null;
  }
}

export function isProviderError(error: unknown, kind?: ProviderErrorKind): error is ProviderError {
  return error instanceof ProviderError && (kind === undefined || error.kind === kind);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ProviderError('cancelled', 'The operation was cancelled.', { cause: signal.reason });
}
