// FolderSource against the ContactSource contract on a real temp folder, plus what only a folder
// does: files changed by other programs (editors, scripts, vdirsyncer), atomic writes, a quiet poll
// that reads no file, and a missing folder that is never taken for an empty one.
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderSource, fileNameFor, folderPathOf, folderUrl, prepareFolder } from '../../electron/engine/providers/folder/index.ts';
import type { ChangePage, RemoteItem } from '../../electron/engine/providers/types.ts';
import { ProviderError } from '../../electron/engine/providers/types.ts';
import { contactSourceContract } from './contact-source.suite.ts';
import type { SourceFixture } from './contact-source.suite.ts';

/** Switch for the file system without hard links (FAT, some network shares): link() fails with EPERM. */
const noHardLinks = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    link: async (from: string, to: string) => {
      if (noHardLinks.on) throw Object.assign(new Error(`EPERM: operation not permitted, link '${from}' -> '${to}'`), { code: 'EPERM' });
      return real.link(from, to);
    },
  };
});

function vcard(name: string, uid = encodeURIComponent(name)): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `FN:${name}`, 'END:VCARD', ''].join('\r\n');
}

const nameOf = (payload: string) => /^FN:(.*)$/m.exec(payload)?.[1]?.trim();

async function fixture(pageSize: number): Promise<SourceFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'concord-folder-'));
  const source = new FolderSource({ path: dir, pageSize });
  return {
    source,
    makePayload: (name) => vcard(name),
    hasName: (payload, name) => nameOf(payload) === name,
    // Another program rewrites the file in place (same inode, as most editors and scripts do).
    editElsewhere: async (item, name) => writeFile(join(dir, item.id), vcard(name, `edited-${item.id}`)),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

contactSourceContract('folder', () => fixture(3));
contactSourceContract('folder, one item per page', () => fixture(1));
describe('on a file system without hard links', () => {
  beforeEach(() => void (noHardLinks.on = true));
  afterEach(() => void (noHardLinks.on = false));
  contactSourceContract('folder without hard links', () => fixture(3));
});

async function collect(pages: AsyncIterable<ChangePage>) {
  const changed: RemoteItem[] = [];
  const deleted: string[] = [];
  let cursor = '';
  for await (const page of pages) {
    changed.push(...page.changed);
    deleted.push(...page.deleted);
    if (page.nextCursor) cursor = page.nextCursor;
  }
  return { changed, deleted, cursor };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('FolderSource: a folder other programs use too', () => {
  let dir: string;
  let source: FolderSource;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concord-folder-'));
    source = new FolderSource({ path: dir });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names new cards <uid>.vcf, and hashes UIDs that are not safe file names', async () => {
    const a = await source.create(vcard('Ann'), { idHint: '6f1c2a40-0e1b-4c55-9d7e-1f2a3b4c5d6e' });
    expect(a.id).toBe('6f1c2a40-0e1b-4c55-9d7e-1f2a3b4c5d6e.vcf');
    const b = await source.create(vcard('Bob'), { idHint: '../../etc/passwd' });
    expect(b.id).toMatch(/^[0-9a-f]{64}\.vcf$/);
    expect(fileNameFor('../../etc/passwd')).toBe(b.id);
    const c = await source.create(vcard('Cy', '.hidden'));
    expect(c.id).toMatch(/^[0-9a-f]{64}\.vcf$/);
    expect(readdirSync(dir).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(readFileSync(join(dir, a.id), 'utf8')).toBe(vcard('Ann'));
  });

  it('gives a create without a hint a fresh name when its UID is taken, instead of failing', async () => {
    const first = await source.create(vcard('Dup', 'same-uid'));
    const second = await source.create(vcard('Dup 2', 'same-uid'));
    expect(first.id).toBe('same-uid.vcf');
    expect(second.id).not.toBe(first.id);
    expect((await collect(source.listChanges(null))).changed).toHaveLength(2);
  });

  it('notices files added, edited, replaced, touched and removed by other programs, and ignores the rest', async () => {
    writeFileSync(join(dir, 'from-script.vcf'), vcard('Script'));
    writeFileSync(join(dir, 'notes.txt'), 'not a card');
    writeFileSync(join(dir, '.hidden.vcf'), vcard('Hidden'));
    writeFileSync(join(dir, `.concord-0123456789abcdef.tmp`), 'half-written');
    const base = await collect(source.listChanges(null));
    expect(base.changed.map((i) => i.id)).toEqual(['from-script.vcf']);

    // An editor that saves by writing a new file and renaming it over the old one (new inode).
    writeFileSync(join(dir, 'swap.tmp'), vcard('Script Renamed'));
    renameSync(join(dir, 'swap.tmp'), join(dir, 'from-script.vcf'));
    writeFileSync(join(dir, 'dropped-in.vcf'), vcard('Dropped'));
    const delta = await collect(source.listChanges(base.cursor));
    expect(delta.changed.map((i) => nameOf(i.payload)).sort()).toEqual(['Dropped', 'Script Renamed']);

    // Same size, same content, new times: reported (the engine sees the same content hash and moves on).
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'dropped-in.vcf'), later, later);
    rmSync(join(dir, 'from-script.vcf'));
    const next = await collect(source.listChanges(delta.cursor));
    expect(next.changed.map((i) => i.id)).toEqual(['dropped-in.vcf']);
    expect(next.changed[0]!.etag).toBe(delta.changed.find((i) => i.id === 'dropped-in.vcf')!.etag);
    expect(next.deleted).toEqual(['from-script.vcf']);
  });

  it('answers a poll with nothing changed without reading any card', async () => {
    for (let i = 0; i < 20; i++) await source.create(vcard(`P${i}`), { idHint: `p${i}` });
    const { cursor } = await collect(source.listChanges(null));
    // FolderSource reads every card through its one private read(): spy on it at runtime.
    const reads = vi.spyOn(source as unknown as { read(name: string): Promise<unknown> }, 'read');
    const quiet = await collect(source.listChanges(cursor));
    expect(quiet.changed).toEqual([]);
    expect(quiet.deleted).toEqual([]);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(cursor.length).toBeLessThan(20 * 40);
  });

  it('writes atomically: an update replaces the file in one rename, keeps its mode, and leaves no temporary file', async () => {
    const item = await source.create(vcard('Ann'), { idHint: 'ann' });
    expect(statSync(join(dir, item.id)).mode & 0o777).toBe(0o600);
    const before = statSync(join(dir, item.id)).ino;
    const updated = await source.update(item.id, item.etag, vcard('Ann Lee'));
    expect(statSync(join(dir, item.id)).ino).not.toBe(before);
    expect(statSync(join(dir, item.id)).mode & 0o777).toBe(0o600);
    expect(updated.etag).not.toBe(item.etag);
    expect(readdirSync(dir)).toEqual(['ann.vcf']);
    const err = await failure(source.create(vcard('Ann again'), { idHint: 'ann' }));
    expect(err.kind).toBe('precondition-failed');
    expect(readFileSync(join(dir, 'ann.vcf'), 'utf8')).toBe(vcard('Ann Lee'));
    expect(readdirSync(dir)).toEqual(['ann.vcf']);
  });

  it('reports a missing folder as unavailable, never as an empty address book', async () => {
    await source.create(vcard('Ann'), { idHint: 'ann' });
    const { cursor } = await collect(source.listChanges(null));
    rmSync(dir, { recursive: true, force: true });
    expect((await failure(collect(source.listChanges(cursor)))).kind).toBe('unavailable');
    expect((await failure(source.create(vcard('Bob')))).kind).toBe('unavailable');
  });

  it('refuses ids that would leave the folder', async () => {
    writeFileSync(join(dir, 'a.vcf'), vcard('A'));
    expect(await source.get(['../a.vcf', 'a.vcf', '/etc/passwd'])).toHaveLength(1);
    expect((await failure(source.delete('../a.vcf', '"x"'))).kind).toBe('not-found');
  });

  it('reads a card in a legacy charset instead of refusing it', async () => {
    writeFileSync(join(dir, 'latin.vcf'), Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jos\xe9\r\nEND:VCARD\r\n', 'latin1'));
    const [item] = await source.get(['latin.vcf']);
    expect(nameOf(item!.payload)).toBe('José');
  });
});

describe('folder accounts', () => {
  it('store the folder as a file URL and accept only absolute paths, creating missing folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'concord-folder-'));
    try {
      const path = prepareFolder(join(root, 'a', 'b'));
      expect(statSync(path).isDirectory()).toBe(true);
      const url = folderUrl(path);
      expect(url).toMatch(/^file:\/\//);
      expect(folderPathOf({ name: 'x', settings: { url } as never })).toBe(path);
      expect(() => prepareFolder('relative/dir')).toThrow(/absolute path/);
      writeFileSync(join(root, 'file'), 'x');
      expect(() => prepareFolder(join(root, 'file'))).toThrow(/is a file/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
