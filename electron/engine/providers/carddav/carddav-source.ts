// ContactSource for one CardDAV address book (RFC 6352): Radicale, Xandikos, iCloud, any server.
// Reads: a listing plan (listing.ts: sync-collection, or ctag + etag listing) whose bodies are fetched
// with addressbook-multiget in batches of capabilities.maxBatch, one batch per page; the next batch is
// requested while the engine commits the current page (still one request at a time, §4.6).
// Writes (carddav-icloud.md §3): create = PUT <collection>/<uid>.vcf with If-None-Match: *, update =
// PUT with If-Match, delete = DELETE with If-Match — sent by us, not by tsdav's updateObject/
// deleteObject, which silently drop the precondition when the etag is empty (§5.2).
// After a write the card is read back with a one-href multiget (one extra request per write), because
// Radicale and iCloud rewrite what they store (§3.3) and the engine must keep the server's copy as its
// base; the refetch is skipped only with `trustPutEtag` (servers known to store byte for byte, such as
// Xandikos) and a strong ETag in the answer.
// Invariants: no unconditional write is ever sent; ids are canonical member paths (hrefs.ts), the same
// in listings and write results; 412 means precondition-failed unless the card is gone (then
// not-found — both test servers answer 412 for If-Match on a deleted resource, RFC 9110 §13.1.1).
import { randomUUID } from 'node:crypto';
import type { CallOptions, ChangePage, ContactSource, RemoteItem, SourceCapabilities } from '../types.ts';
import { ProviderError, throwIfAborted } from '../types.ts';
import type { ImagePort } from '../../ports.ts';
import { isICloudHost } from './credential-scope.ts';
import { fitForICloud } from './icloud-limits.ts';
import { looksLikeGroupCard } from './group-index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { canonicalPath, isMember, resourceName, vcardUid } from './hrefs.ts';
import { DavHttpError, httpFailure } from './http-errors.ts';
import { ctagDeltaPlan, fullPlan, probeCapabilities, syncPlan } from './listing.ts';
import type { ListingEnv, ListingPlan } from './listing.ts';
import { cardText, multigetRequest, text } from './multistatus.ts';
import type { DavEntry } from './multistatus.ts';
import { DavTransport } from './transport.ts';
import type { DavReply } from './transport.ts';

export interface CardDavSourceOptions {
  /** The address book's URL (from discoverAddressBooks). */
  url: string;
  username: string;
  password: string;
  fetch?: typeof fetch;
  /** Further hosts that may receive the credentials (see CredentialScope); *.icloud.com is implied for iCloud. */
  trustedHosts?: readonly string[];
  /** From discovery. When absent the first full listing asks the server (one PROPFIND Depth 0). */
  supportsSyncCollection?: boolean;
  /**
   * Only for servers without sync-collection: the etag the engine holds for every item of this
   * address book (id → etag), read when the ctag says something changed. Items whose server etag
   * differs are reported changed, held ids the server no longer lists are reported deleted. Items the
   * engine wrote itself and recorded are then not reported again (harmless: nothing to do for them).
   * Without it a changed ctag is `cursor-invalid`, and the engine's full listing reconciles.
   */
  knownEtags?: () => Promise<ReadonlyMap<string, string>> | ReadonlyMap<string, string>;
  /**
   * The items the engine holds for this address book (id → etag and payload as last stored). A full
   * listing (the first sync, or the recovery after the server refused the sync token) then downloads
   * only members whose listed etag differs, and hands the stored copy up for the rest — the engine
   * sees an echo — instead of re-downloading every card (carddav-icloud.md checklist: "full re-list,
   * download only etag mismatches").
   */
  stored?: () => Promise<ReadonlyMap<string, StoredItem>> | ReadonlyMap<string, StoredItem>;
  /** hrefs per multiget (Evolution uses 100; iCloud cards can be 256 KB, so 100 ≈ 25 MB at worst). */
  maxBatch?: number;
  /** Phrase errors for iCloud (app-specific passwords…); default: the host is *.icloud.com. */
  icloud?: boolean;
  /** Return the sent card with the PUT's strong ETag instead of reading it back. Only for servers that store cards verbatim. */
  trustPutEtag?: boolean;
  timeoutMs?: number;
  /** iCloud: reduces photos over 224 KB (icloud-limits.ts); without it such photos are left out of the iCloud copy. */
  images?: ImagePort;
  /** Told about a contact written with a change the user should know of (a reduced or omitted photo). */
  onWarning?: (id: string, message: string) => void;
}

/** What the engine stored of one item. */
export interface StoredItem {
  etag: string;
  payload: string;
}

interface Batch {
  items: RemoteItem[];
  missing: string[];
}

export class CardDavSource implements ContactSource {
  readonly capabilities: SourceCapabilities;
  /** The collection URL, with a trailing slash. */
  readonly url: string;
  private readonly collection: string;
  private readonly transport: DavTransport;
  private readonly icloud: boolean;
  private readonly options: CardDavSourceOptions;
  private syncCollection: boolean | undefined;
  private readonly warnings: { id: string; message: string }[] = [];

  constructor(options: CardDavSourceOptions) {
    this.options = options;
    this.url = options.url.endsWith('/') ? options.url : `${options.url}/`;
    this.collection = canonicalPath(this.url, this.url);
    this.transport = new DavTransport({ ...options, url: this.url });
    this.icloud = options.icloud ?? isICloudHost(new URL(this.url).hostname);
    this.syncCollection = options.supportsSyncCollection;
    this.capabilities = { clientChosenIds: true, maxBatch: options.maxBatch ?? 100 };
  }

  // ── reads ───────────────────────────────────────────────────────────────────

  async *listChanges(cursor: string | null, options: CallOptions = {}): AsyncIterable<ChangePage> {
    throwIfAborted(options.signal);
    const env = this.env(options.signal);
    let plan: ListingPlan;
    let reused: RemoteItem[] = [];
    if (cursor === null) {
      this.syncCollection ??= (await probeCapabilities(env)).syncCollection;
      plan = await fullPlan(env, this.syncCollection);
      reused = await this.unchangedFromStore(plan);
    } else {
      const decoded = decodeCursor(cursor, this.collection);
      plan = decoded.mode === 'sync' ? await syncPlan(env, decoded.token) : await ctagDeltaPlan(env, decoded.ctag);
    }
    yield* this.pages(plan, cursor === null, options.signal, reused);
  }

  /**
   * Members of a full listing whose listed etag equals the stored one: their stored copies, and the
   * plan's fetch list shortened by them. An etag is the server's version of exactly those bytes
   * (RFC 9110 §8.8.3, strong etags on address objects: RFC 6352 §6.3.2.3), so nothing is missed.
   */
  private async unchangedFromStore(plan: ListingPlan): Promise<RemoteItem[]> {
    if (!this.options.stored || plan.etags.size === 0) return [];
    const stored = await this.options.stored();
    if (stored.size === 0) return [];
    const reused: RemoteItem[] = [];
    plan.fetch = plan.fetch.filter((path) => {
      const etag = plan.etags.get(path);
      const held = stored.get(path);
      if (!etag || !held || held.etag !== etag) return true;
      reused.push({ id: path, etag, payload: held.payload, contentType: 'text/vcard', updatedAt: null });
      return false;
    });
    return reused;
  }

  async get(ids: readonly string[], options: CallOptions = {}): Promise<RemoteItem[]> {
    throwIfAborted(options.signal);
    const paths = [...new Set(ids.map((id) => canonicalPath(id, this.url)))].filter((p) => isMember(p, this.collection));
    const found = new Map<string, RemoteItem>();
    for (let i = 0; i < paths.length; i += this.capabilities.maxBatch) {
      const batch = await this.fetchBatch(paths.slice(i, i + this.capabilities.maxBatch), options.signal);
      for (const item of batch.items) found.set(item.id, item);
    }
    return paths.flatMap((p) => found.get(p) ?? []);
  }

  // ── writes ──────────────────────────────────────────────────────────────────

  async create(payload: string, options: CallOptions & { idHint?: string } = {}): Promise<RemoteItem> {
    throwIfAborted(options.signal);
    const uid = options.idHint ?? vcardUid(payload) ?? randomUUID();
    const path = this.collection + resourceName(uid);
    payload = await this.withinLimits(path, payload);
    const action = 'creating a card';
    const reply = await this.send('PUT', path, { 'If-None-Match': '*', 'Content-Type': 'text/vcard; charset=utf-8' }, payload, options.signal, action);
    if (reply.status === 412) {
      throw new ProviderError('precondition-failed', `A card named ${path} already exists in this address book (a create repeated after a lost answer?); fetch it instead of creating it again.`, { status: 412 });
    }
    this.expectSuccess(reply, action, payload);
    return this.afterWrite(path, payload, reply, options.signal);
  }

  async update(id: string, etag: string, payload: string, options: CallOptions = {}): Promise<RemoteItem> {
    throwIfAborted(options.signal);
    const path = this.memberPath(id);
    requireEtag(etag, path);
    payload = await this.withinLimits(path, payload);
    const action = 'saving the card';
    const reply = await this.send('PUT', path, { 'If-Match': etag, 'Content-Type': 'text/vcard; charset=utf-8' }, payload, options.signal, action);
    if (reply.status === 412) throw await this.preconditionOrGone(path, options.signal);
    this.expectSuccess(reply, action, payload);
    return this.afterWrite(path, payload, reply, options.signal);
  }

  async delete(id: string, etag: string, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const path = this.memberPath(id);
    requireEtag(etag, path);
    const action = 'deleting the card';
    const reply = await this.send('DELETE', path, { 'If-Match': etag }, undefined, options.signal, action);
    if (reply.status === 412) throw await this.preconditionOrGone(path, options.signal);
    this.expectSuccess(reply, action);
  }

  takeWarnings(): { id: string; message: string }[] {
    return this.warnings.splice(0);
  }

  // ── internals ───────────────────────────────────────────────────────────────

  /** iCloud's photo and card size limits (icloud-limits.ts); other servers answer 413 themselves. */
  private async withinLimits(path: string, payload: string): Promise<string> {
    if (!this.icloud || looksLikeGroupCard(payload)) return payload;
    const fitted = await fitForICloud(payload, this.options.images);
    if (fitted.warning) {
      this.warnings.push({ id: path, message: fitted.warning });
      this.options.onWarning?.(path, fitted.warning);
    }
    return fitted.text;
  }

  private env(signal: AbortSignal | undefined): ListingEnv {
    return { transport: this.transport, url: this.url, collection: this.collection, icloud: this.icloud, signal, knownEtags: this.options.knownEtags };
  }

  /** Stored copies first (no requests), then one page per multiget batch; deletions and the cursor on the last page. */
  private async *pages(plan: ListingPlan, full: boolean, signal: AbortSignal | undefined, reused: RemoteItem[] = []): AsyncIterable<ChangePage> {
    const size = this.capabilities.maxBatch;
    const batches: string[][] = [];
    for (let i = 0; i < plan.fetch.length; i += size) batches.push(plan.fetch.slice(i, i + size));
    const deleted = [...plan.deleted];
    const cursor = encodeCursor(plan.cursor);
    for (let i = 0; i < reused.length; i += size) {
      const last = batches.length === 0 && i + size >= reused.length;
      yield { changed: reused.slice(i, i + size), deleted: last ? deleted : [], nextCursor: last ? cursor : null };
      if (last) return;
    }
    if (batches.length === 0) {
      yield { changed: [], deleted, nextCursor: cursor };
      return;
    }
    let pending = this.fetchBatch(batches[0] ?? [], signal);
    for (let i = 0; i < batches.length; i++) {
      const batch = await pending;
      const last = i === batches.length - 1;
      if (!last) {
        // Ask for the next batch while the engine commits this one. If the consumer stops early, the
        // request still settles; the no-op catch keeps its failure from becoming an unhandled rejection.
        pending = this.fetchBatch(batches[i + 1] ?? [], signal);
        pending.catch(() => {});
      }
      // A member listed as changed but gone by the time we fetched it was deleted meanwhile: in an
      // incremental listing say so now (the next sync would report it anyway); a full listing has no deletions.
      if (!full) deleted.push(...batch.missing);
      throwIfAborted(signal);
      yield { changed: batch.items, deleted: last ? deleted : [], nextCursor: last ? cursor : null };
    }
  }

  private async fetchBatch(paths: readonly string[], signal: AbortSignal | undefined): Promise<Batch> {
    if (paths.length === 0) return { items: [], missing: [] };
    const action = 'fetching cards';
    let entries: DavEntry[];
    try {
      entries = (await multigetRequest(this.transport, this.url, paths, { signal, action })).entries;
    } catch (error) {
      throw error instanceof DavHttpError ? httpFailure(error, { action, write: false, icloud: this.icloud }) : error;
    }
    const found = new Map<string, RemoteItem>();
    for (const entry of entries) {
      const item = toItem(entry);
      if (item) found.set(item.id, item);
    }
    const items = paths.flatMap((p) => found.get(p) ?? []);
    return { items, missing: paths.filter((p) => !found.has(p)) };
  }

  private send(method: 'PUT' | 'DELETE', path: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal | undefined, action: string): Promise<DavReply> {
    return this.transport.send(new URL(path, this.url).href, { method, headers, body, signal, action });
  }

  private expectSuccess(reply: DavReply, action: string, payload?: string): void {
    if (reply.status >= 200 && reply.status < 300) return;
    const error = new DavHttpError(reply.status, reply.url, reply.text, reply.headers.get('retry-after'));
    throw httpFailure(error, { action, write: true, icloud: this.icloud, bytes: payload === undefined ? undefined : Buffer.byteLength(payload, 'utf8') });
  }

  /** The server's copy after a successful PUT (see the module comment for why it is read back). */
  private async afterWrite(path: string, sent: string, reply: DavReply, signal: AbortSignal | undefined): Promise<RemoteItem> {
    const header = reply.headers.get('etag');
    const strong = header !== null && header !== '' && !header.startsWith('W/') ? header : null;
    const asSent = (etag: string): RemoteItem => ({ id: path, etag, payload: sent, contentType: 'text/vcard', updatedAt: null });
    if (strong && this.options.trustPutEtag) return asSent(strong);
    let batch: Batch;
    try {
      batch = await this.fetchBatch([path], signal);
    } catch (error) {
      // The write happened; if the answer named the version, that is enough to go on with.
      if (strong && !(error instanceof ProviderError && error.kind === 'cancelled')) return asSent(strong);
      throw error;
    }
    const item = batch.items[0];
    if (!item) {
      if (strong) return asSent(strong);
      throw new ProviderError('not-found', `The card ${path} was deleted on the server right after it was written.`, { status: 404 });
    }
    // Someone else wrote the card between our PUT and the read-back: keep our version as the base, so
    // the next listing reports theirs as a change instead of hiding it behind our write.
    if (strong && item.etag !== strong) return asSent(strong);
    return item;
  }

  /** 412 on If-Match: still there (changed) or gone? Both test servers say 412 for a deleted resource. */
  private async preconditionOrGone(path: string, signal: AbortSignal | undefined): Promise<ProviderError> {
    let gone = false;
    try {
      gone = (await this.fetchBatch([path], signal)).items.length === 0;
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'cancelled') return error;
      // Unknown: precondition-failed is the safe answer, the engine re-reads the card anyway.
    }
    return gone
      ? new ProviderError('not-found', `The card ${path} no longer exists on the server.`, { status: 404 })
      : new ProviderError('precondition-failed', `The card ${path} changed on the server since it was read; it has to be fetched again.`, { status: 412 });
  }

  private memberPath(id: string): string {
    const path = canonicalPath(id, this.url);
    if (!isMember(path, this.collection)) throw new ProviderError('not-found', `${id} is not a card of the address book ${this.url}.`);
    return path;
  }
}

function requireEtag(etag: string, path: string): void {
  if (etag.trim() === '') {
    throw new ProviderError('precondition-failed', `Refusing to write ${path} without an etag: every CardDAV write is conditional (If-Match), so the card has to be read first.`);
  }
}

function toItem(entry: DavEntry): RemoteItem | null {
  if (entry.status < 200 || entry.status > 299) return null;
  const etag = text(entry.props['getetag']);
  const payload = cardText(entry.props['addressData']);
  if (!etag || payload === null) return null;
  const modified = text(entry.props['getlastmodified']);
  const updatedAt = modified === null ? NaN : Date.parse(modified);
  return { id: entry.path, etag, payload, contentType: 'text/vcard', updatedAt: Number.isNaN(updatedAt) ? null : updatedAt };
}
