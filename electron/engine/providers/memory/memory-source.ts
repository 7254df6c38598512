// In-memory ContactSource: the reference implementation of providers/types.ts, used by tests, the
// demo and the engine before real providers exist (vdirsyncer ships the same, storage/memory.py).
// It keeps a change log so incremental listings are exact, and has switches for what real
// servers do to clients: edits made elsewhere, rewritten cards, expired cursors, failures.
import type { CallOptions, ChangePage, ContactSource, RemoteItem, SourceCapabilities } from '../types.ts';
import { ProviderError, throwIfAborted } from '../types.ts';

interface Stored {
  item: RemoteItem;
  changedAt: number;
}

export interface MemorySourceOptions {
  pageSize?: number;
  /** Simulates servers that re-serialise what they store (Radicale, iCloud): applied to every write. */
  rewrite?: (payload: string) => string;
  now?: () => number;
}

export class MemorySource implements ContactSource {
  readonly capabilities: SourceCapabilities;
  private readonly items = new Map<string, Stored>();
  private readonly tombstones = new Map<string, number>();
  private seq = 0;
  /** Bumped by expireCursors(): cursors from an older epoch are rejected, as Google does after 7 days. */
  private epoch = 1;
  private nextId = 1;
  private readonly failures: { kind: ProviderError['kind']; remaining: number }[] = [];
  private readonly options: Required<Omit<MemorySourceOptions, 'rewrite'>> & Pick<MemorySourceOptions, 'rewrite'>;
  /** Calls made, by method: lets tests assert request budgets (one call per poll when nothing changed). */
  readonly calls = { listChanges: 0, get: 0, create: 0, update: 0, delete: 0 };

  constructor(options: MemorySourceOptions = {}) {
    this.options = { pageSize: options.pageSize ?? 100, now: options.now ?? Date.now, rewrite: options.rewrite };
    this.capabilities = { clientChosenIds: true, maxBatch: this.options.pageSize };
  }

  // ── fault and outside-world switches ────────────────────────────────────────

  /** The next `count` calls fail with this kind. */
  failNext(kind: ProviderError['kind'], count = 1): void {
    this.failures.push({ kind, remaining: count });
  }

  expireCursors(): void {
    this.epoch += 1;
  }

  /** An edit made in the provider's own app: new etag, appears in the next incremental listing. */
  editExternally(id: string, payload: string): RemoteItem {
    const stored = this.items.get(id);
    if (!stored) throw new Error(`no item ${id}`);
    return this.store(id, payload);
  }

  createExternally(payload: string, id?: string): RemoteItem {
    return this.store(id ?? this.newId(), payload);
  }

  deleteExternally(id: string): void {
    if (!this.items.delete(id)) throw new Error(`no item ${id}`);
    this.tombstones.set(id, ++this.seq);
  }

  snapshot(): RemoteItem[] {
    return [...this.items.values()].map((s) => ({ ...s.item }));
  }

  // ── ContactSource ───────────────────────────────────────────────────────────

  async *listChanges(cursor: string | null, options: CallOptions = {}): AsyncIterable<ChangePage> {
    this.enter('listChanges', options);
    const since = cursor === null ? null : this.parseCursor(cursor);
    const upTo = this.seq;
    const changed = [...this.items.values()]
      .filter((s) => since === null || s.changedAt > since)
      .sort((a, b) => a.changedAt - b.changedAt)
      .map((s) => ({ ...s.item }));
    const deleted = since === null ? [] : [...this.tombstones].filter(([, at]) => at > since).map(([id]) => id);
    const size = this.options.pageSize;
    const pages = Math.max(1, Math.ceil(changed.length / size));
    for (let i = 0; i < pages; i++) {
      throwIfAborted(options.signal);
      const last = i === pages - 1;
      yield {
        changed: changed.slice(i * size, (i + 1) * size),
        deleted: last ? deleted : [],
        nextCursor: last ? `mem:${this.epoch}:${upTo}` : null,
      };
    }
  }

  async get(ids: readonly string[], options: CallOptions = {}): Promise<RemoteItem[]> {
    this.enter('get', options);
    return ids.flatMap((id) => {
      const s = this.items.get(id);
      return s ? [{ ...s.item }] : [];
    });
  }

  async create(payload: string, options: CallOptions & { idHint?: string } = {}): Promise<RemoteItem> {
    this.enter('create', options);
    const id = options.idHint ?? this.newId();
    if (this.items.has(id)) throw new ProviderError('precondition-failed', `An item with id ${id} already exists.`, { status: 412 });
    return { ...this.store(id, payload) };
  }

  async update(id: string, etag: string, payload: string, options: CallOptions = {}): Promise<RemoteItem> {
    this.enter('update', options);
    this.checkEtag(id, etag);
    return { ...this.store(id, payload) };
  }

  async delete(id: string, etag: string, options: CallOptions = {}): Promise<void> {
    this.enter('delete', options);
    this.checkEtag(id, etag);
    this.items.delete(id);
    this.tombstones.set(id, ++this.seq);
  }

  // ── internals ───────────────────────────────────────────────────────────────

  private enter(method: keyof MemorySource['calls'], options: CallOptions): void {
    this.calls[method] += 1;
    throwIfAborted(options.signal);
    const failure = this.failures[0];
    if (failure) {
      if (--failure.remaining <= 0) this.failures.shift();
      throw new ProviderError(failure.kind, `Injected ${failure.kind} failure.`, failure.kind === 'rate-limited' ? { retryAfterMs: 1000 } : {});
    }
  }

  private newId(): string {
    return `mem-${this.nextId++}`;
  }

  private store(id: string, payload: string): RemoteItem {
    const seq = ++this.seq;
    const item: RemoteItem = {
      id,
      etag: `"${this.epoch}-${seq}"`,
      payload: this.options.rewrite ? this.options.rewrite(payload) : payload,
      contentType: 'text/vcard',
      updatedAt: this.options.now(),
    };
    this.items.set(id, { item, changedAt: seq });
    this.tombstones.delete(id);
    return item;
  }

  private checkEtag(id: string, etag: string): void {
    const s = this.items.get(id);
    if (!s) throw new ProviderError('not-found', `No item ${id}.`, { status: 404 });
    if (s.item.etag !== etag) throw new ProviderError('precondition-failed', `Item ${id} changed on the server.`, { status: 412 });
  }

  private parseCursor(cursor: string): number {
    const m = /^mem:(\d+):(\d+)$/.exec(cursor);
    if (!m || Number(m[1]) !== this.epoch) throw new ProviderError('cursor-invalid', 'The sync cursor is no longer valid.');
    return Number(m[2]);
  }
}
