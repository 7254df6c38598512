// A local folder of .vcf files as a ContactSource (DESIGN.md §1 providers/folder): one card per
// file, the file name is the item's id, the etag is a hash of the file's bytes. Other programs may
// edit, add and delete files at any time; every listing notices it (cursor.ts).
// Invariants:
// - writes are atomic: the new bytes go to a temporary file in the same folder, are flushed, and
//   then replace the card in one rename (a crash leaves the old card or the new one, never half);
// - create never overwrites: the temporary file is hard-linked to the card's name, which fails when
//   the name exists (precondition-failed), so a retried create cannot duplicate or clobber (on file
//   systems without hard links: a check, then the rename);
// - update and delete re-read the card and compare its content hash with the caller's etag first;
// - a folder that is missing (unmounted disk, moved folder) is `unavailable`, never an empty listing,
//   so the engine cannot take it for "every contact was deleted".
import { createHash, randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { chmod, link, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallOptions, ChangePage, ContactSource, RemoteItem, SourceCapabilities } from '../types.ts';
import { ProviderError, throwIfAborted } from '../types.ts';
import { decodeCursor, encodeCursor, statDigest } from './cursor.ts';
import type { FolderState } from './cursor.ts';
import { TEMP_PREFIX, fileNameFor, isCardName, uidOf } from './names.ts';

export interface FolderSourceOptions {
  /** Absolute path of the folder. */
  path: string;
  /** Most items per listing page (default 100). */
  pageSize?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** vCard files are UTF-8 nearly always; old 2.1 exports in a legacy charset are read as Latin-1 rather than refused. */
function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

export function contentEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

interface Card {
  item: RemoteItem;
  stats: BigIntStats;
}

export class FolderSource implements ContactSource {
  readonly capabilities: SourceCapabilities;
  readonly path: string;

  constructor(options: FolderSourceOptions) {
    this.path = options.path;
    this.capabilities = { clientChosenIds: true, maxBatch: options.pageSize ?? 100 };
  }

  // ── reading ─────────────────────────────────────────────────────────────────

  async *listChanges(cursor: string | null, options: CallOptions = {}): AsyncIterable<ChangePage> {
    throwIfAborted(options.signal);
    const before: FolderState | null = cursor === null ? null : decodeCursor(cursor);
    const now = await this.scan();
    const changedNames = [...now].filter(([name, digest]) => before?.get(name) !== digest).map(([name]) => name);
    const size = this.capabilities.maxBatch;
    const pages = Math.max(1, Math.ceil(changedNames.length / size));
    for (let i = 0; i < pages; i++) {
      throwIfAborted(options.signal);
      const changed: RemoteItem[] = [];
      for (const name of changedNames.slice(i * size, (i + 1) * size)) {
        const card = await this.read(name);
        // Gone between the directory read and now: it is not in this state, so it reads as deleted.
        if (!card) now.delete(name);
        else changed.push(card.item);
        // The digest stays the one taken before reading: if the file changed while it was read,
        // the next listing sees a different digest and reads it again. Nothing is missed.
      }
      const last = i === pages - 1;
      yield {
        changed,
        deleted: last && before ? [...before.keys()].filter((name) => !now.has(name)) : [],
        nextCursor: last ? encodeCursor(now) : null,
      };
    }
  }

  async get(ids: readonly string[], options: CallOptions = {}): Promise<RemoteItem[]> {
    throwIfAborted(options.signal);
    const found: RemoteItem[] = [];
    for (const id of ids) {
      if (!isCardName(id)) continue;
      const card = await this.read(id);
      if (card) found.push(card.item);
    }
    return found;
  }

  // ── writing ─────────────────────────────────────────────────────────────────

  async create(payload: string, options: CallOptions & { idHint?: string } = {}): Promise<RemoteItem> {
    throwIfAborted(options.signal);
    await this.folderExists();
    const hinted = options.idHint !== undefined;
    let name = fileNameFor(options.idHint ?? uidOf(payload) ?? randomBytes(16).toString('hex'));
    const bytes = Buffer.from(payload, 'utf8');
    const temp = await this.writeTemp(bytes, 0o600);
    try {
      for (;;) {
        try {
          await link(temp, join(this.path, name));
          break;
        } catch (error) {
          if (errno(error) === 'EEXIST') {
            // The engine names new cards after the contact: an existing file is a repeated create.
            if (hinted) throw new ProviderError('precondition-failed', `A card named ${name} already exists in ${this.path}.`);
            name = fileNameFor(`${name.slice(0, -4)}-${randomBytes(4).toString('hex')}`);
            continue;
          }
          if (errno(error) === 'EPERM' || errno(error) === 'ENOTSUP' || errno(error) === 'EXDEV') {
            // File systems without hard links (FAT, some network shares): check, then rename. Still
            // atomic for readers; only a create racing this one for the same name could be lost.
            if (await this.exists(name)) {
              if (hinted) throw new ProviderError('precondition-failed', `A card named ${name} already exists in ${this.path}.`);
              name = fileNameFor(`${name.slice(0, -4)}-${randomBytes(4).toString('hex')}`);
              continue;
            }
            await rename(temp, join(this.path, name)).catch((e: unknown) => {
              throw this.failure(e, `creating ${name}`);
            });
            break;
          }
          throw this.failure(error, `creating ${name}`);
        }
      }
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    return this.written(name, bytes);
  }

  async update(id: string, etag: string, payload: string, options: CallOptions = {}): Promise<RemoteItem> {
    throwIfAborted(options.signal);
    const current = await this.expectEtag(id, etag);
    const bytes = Buffer.from(payload, 'utf8');
    const temp = await this.writeTemp(bytes, Number(current.stats.mode & 0o777n));
    try {
      await rename(temp, join(this.path, id));
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw this.failure(error, `saving ${id}`);
    }
    return this.written(id, bytes);
  }

  async delete(id: string, etag: string, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    await this.expectEtag(id, etag);
    try {
      await unlink(join(this.path, id));
    } catch (error) {
      if (errno(error) === 'ENOENT') throw new ProviderError('not-found', `${id} is no longer in ${this.path}.`);
      throw this.failure(error, `deleting ${id}`);
    }
  }

  // ── internals ───────────────────────────────────────────────────────────────

  /** Every card file with its stat digest. */
  private async scan(): Promise<FolderState> {
    let names: string[];
    try {
      names = (await readdir(this.path, { withFileTypes: true })).filter((e) => (e.isFile() || e.isSymbolicLink()) && isCardName(e.name)).map((e) => e.name);
    } catch (error) {
      throw this.failure(error, 'reading the folder');
    }
    const state: FolderState = new Map();
    for (const name of names) {
      const stats = await stat(join(this.path, name), { bigint: true }).catch((error: unknown) => {
        if (errno(error) === 'ENOENT') return null;
        throw this.failure(error, `reading ${name}`);
      });
      if (stats?.isFile()) state.set(name, statDigest(stats));
    }
    return state;
  }

  /** The card and the stat taken before its bytes were read; null when there is no such file. */
  private async read(name: string): Promise<Card | null> {
    const path = join(this.path, name);
    try {
      const stats = await stat(path, { bigint: true });
      if (!stats.isFile()) return null;
      const bytes = await readFile(path);
      return { stats, item: { id: name, etag: contentEtag(bytes), payload: decodeText(bytes), contentType: 'text/vcard', updatedAt: Number(stats.mtimeMs) } };
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'EISDIR') return null;
      throw this.failure(error, `reading ${name}`);
    }
  }

  private async expectEtag(id: string, etag: string): Promise<Card> {
    const card = isCardName(id) ? await this.read(id) : null;
    if (!card) throw new ProviderError('not-found', `${id} is no longer in ${this.path}.`);
    if (card.item.etag !== etag) throw new ProviderError('precondition-failed', `${id} was changed by another program since Concord last read it.`);
    return card;
  }

  private async folderExists(): Promise<void> {
    const info = await stat(this.path).catch((error: unknown) => {
      throw this.failure(error, 'opening the folder');
    });
    if (!info.isDirectory()) throw new ProviderError('unavailable', `${this.path} is not a folder.`);
  }

  /** A flushed temporary file in the folder itself (a rename across file systems would not be atomic). */
  private async writeTemp(bytes: Uint8Array, mode: number): Promise<string> {
    const temp = join(this.path, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}.tmp`);
    let handle;
    try {
      handle = await open(temp, 'wx', mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw this.failure(error, 'writing a card');
    }
    await handle.close();
    await chmod(temp, mode).catch(() => undefined);
    return temp;
  }

  private async exists(name: string): Promise<boolean> {
    return (await stat(join(this.path, name)).catch(() => null)) !== null;
  }

  private async written(name: string, bytes: Uint8Array): Promise<RemoteItem> {
    const stats = await stat(join(this.path, name), { bigint: true }).catch(() => null);
    return { id: name, etag: contentEtag(bytes), payload: decodeText(bytes), contentType: 'text/vcard', updatedAt: stats ? Number(stats.mtimeMs) : Date.now() };
  }

  private failure(error: unknown, doing: string): ProviderError {
    if (error instanceof ProviderError) return error;
    const code = errno(error);
    const cause = { cause: error };
    switch (code) {
      case 'ENOENT':
      case 'ENOTDIR':
        return new ProviderError('unavailable', `The folder ${this.path} is missing (moved, renamed or on a disk that is not mounted) while ${doing}.`, cause);
      case 'EACCES':
      case 'EPERM':
      case 'EROFS':
        return new ProviderError('rejected', `Concord may not write to ${this.path} (${code}) while ${doing}: check the folder's permissions.`, cause);
      case 'ENOSPC':
      case 'EDQUOT':
        return new ProviderError('unavailable', `The disk holding ${this.path} is full while ${doing}.`, cause);
      default:
        return new ProviderError('unavailable', `The folder ${this.path} failed while ${doing}: ${code ?? String(error)}.`, cause);
    }
  }
}
