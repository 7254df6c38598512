// `concord demo` and `concord serve` as processes, and two processes on one data folder: the demo
// starts, serves, and has linked contacts, conflicts and likely duplicates (read by a second CLI
// process while it serves); syncs from two processes never run at once (the second waits or says
// who holds the folder, also over the served WebSocket); a database kept locked by another process
// is reported in one line, and nothing is corrupted.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContactOverview, StatusView } from '../../shared/api/contract.ts';
import type { SyncSummary } from '../../shared/model/sync.ts';
import { sampleBooks } from '../../electron/headless/demo-data.ts';
import { concord, startServing } from './cli-harness.ts';

const temp = mkdtempSync(join(tmpdir(), 'concord-cli-demo-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const ui = join(temp, 'ui');
mkdirSync(ui);
writeFileSync(join(ui, 'index.html'), '<title>Concord UI</title>');

/** A live process that is not Concord, to hold a lock file in its name. */
function sleeper(): { pid: number; stop(): void } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => void child.kill('SIGKILL') };
}

function holdLock(dataDir: string, pid: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'sync.lock'), JSON.stringify({ pid, host: hostname(), purpose: 'concord sync', since: new Date().toISOString() }));
}

describe('concord demo', () => {
  const dataDir = join(temp, 'demo');

  it('fills two folder accounts with sample people, syncs once, serves the UI; another process can read it meanwhile', async () => {
    const demo = await startServing(['demo', '--data-dir', dataDir, '--static', ui]);
    try {
      expect(demo.stdout()).toMatch(/(\d+) contacts: (\d+) people were in both address books and got linked; (\d+) conflicts to decide; (\d+) possible duplicates\./);
      const page = await fetch(demo.url.replace(/#.*/, ''));
      expect(await page.text()).toContain('Concord UI');

      const cli = concord(dataDir);
      const status = await cli.json<StatusView>(['status', '--json']);
      expect(status.accounts.map((a) => [a.name, a.kind, a.status])).toEqual([
        ['Sample phone', 'folder', 'idle'],
        ['Sample laptop', 'folder', 'idle'],
      ]);
      expect(status.contacts).toBeGreaterThanOrEqual(30);
      expect(status.conflicts).toBeGreaterThanOrEqual(3);
      expect(status.suggestions).toBeGreaterThanOrEqual(2);
      const contacts = await cli.json<ContactOverview[]>(['contacts', 'list', '--json']);
      expect(contacts.filter((c) => c.accounts.length === 2).length).toBeGreaterThanOrEqual(20);
      expect(contacts.some((c) => /\p{Script=Han}/u.test(c.displayName))).toBe(true);
      expect(contacts.some((c) => /^[A-Za-z]/.test(c.displayName))).toBe(true);
      const conflicts = await cli.json<{ field: string; contactName: string }[]>(['conflicts', 'list', '--json']);
      expect(conflicts.map((c) => `${c.contactName}: ${c.field}`)).toEqual(expect.arrayContaining(['Ann Lee: birthday', 'Carlos Díaz: note']));

      // The served API: a sync while another process holds the data folder's sync lock is refused as BUSY.
      const holder = sleeper();
      holdLock(dataDir, holder.pid);
      try {
        const { origin, searchParams } = (() => {
          const u = new URL(demo.url.replace('#token=', '?token='));
          return { origin: u.origin, searchParams: u.searchParams };
        })();
        const ws = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${searchParams.get('token')}`, { headers: { Origin: origin } });
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        const answer = new Promise<unknown>((resolve) =>
          ws.on('message', (raw: Buffer) => {
            const m = JSON.parse(raw.toString()) as { id?: number };
            if (m.id === 1) resolve(m);
          }),
        );
        ws.send(JSON.stringify({ id: 1, method: 'sync.run', params: {} }));
        expect(await answer).toMatchObject({ id: 1, envelope: { ok: false, error: { code: 'BUSY', message: expect.stringMatching(`pid ${holder.pid}`) } } });
        ws.close();
      } finally {
        holder.stop();
        rmSync(join(dataDir, 'sync.lock'), { force: true });
      }
    } finally {
      expect(await demo.stop()).toBe(0);
    }
    expect(demo.stderr()).toBe('');
  });

  it('writes the same sample files every time, and keeps them when started again on the same folder', async () => {
    expect(JSON.stringify(sampleBooks())).toBe(JSON.stringify(sampleBooks()));
    const books = sampleBooks();
    const phoneDir = join(dataDir, 'sample-address-books', 'phone');
    for (const card of books.phone) expect(readdirSync(phoneDir)).toContain(card.file);
    expect(readFileSync(join(phoneDir, books.phone[0]!.file), 'utf8')).toBe(books.phone[0]!.vcard);
    const again = await startServing(['demo', '--data-dir', dataDir, '--static', ui]);
    expect(again.stdout()).not.toMatch(/^Sample data in/);
    expect(await again.stop()).toBe(0);
    expect((await concord(dataDir).json<{ id: number }[]>(['history', '--json'])).length).toBe(1);
  });

  it('refuses a data folder that holds other accounts', async () => {
    const other = join(temp, 'real');
    const cli = concord(other);
    await cli.ok(['account', 'add', 'folder', '--name', 'Mine', '--path', join(temp, 'mine')]);
    expect(await cli.fails(['demo', '--static', ui])).toMatch(/already holds Concord accounts \(Mine\); the demo needs a data folder of its own/);
  });

  it('serve: prints the URL with its key, and stops cleanly on SIGTERM', async () => {
    const served = await startServing(['--data-dir', join(temp, 'serve'), 'serve', '--static', ui, '--port', '0']);
    expect((await fetch(served.url.replace(/#.*/, ''))).status).toBe(200);
    expect(await served.stop()).toBe(0);
    expect(served.stderr()).toBe('');
    expect(await concord(join(temp, 'serve')).fails(['serve', '--port', 'http'], 2)).toBe('--port must be a port number, not http');
  });
});

describe('two processes on one data folder', () => {
  const dataDir = join(temp, 'shared');
  const a = join(temp, 'shared-a');
  const b = join(temp, 'shared-b');
  const cli = concord(dataDir);

  it('runs two syncs started together one after the other: no duplicate anywhere', async () => {
    await cli.ok(['account', 'add', 'folder', '--name', 'A', '--path', a]);
    await cli.ok(['account', 'add', 'folder', '--name', 'B', '--path', b]);
    for (let i = 0; i < 120; i++) {
      const dir = i % 2 === 0 ? a : b;
      writeFileSync(join(dir, `p${i}.vcf`), `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p${i}\r\nFN:Person ${i}\r\nEMAIL:p${i}@example.org\r\nEND:VCARD\r\n`);
    }
    const [one, two] = await Promise.all([cli.run(['sync', '--json']), cli.run(['sync', '--json'])]);
    expect([one.code, two.code, one.stderr, two.stderr]).toEqual([0, 0, '', '']);
    const runs = [JSON.parse(one.stdout) as SyncSummary, JSON.parse(two.stdout) as SyncSummary];
    expect(runs.map((r) => r.created).sort((x, y) => x - y)).toEqual([0, 240]);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(120);
    expect(readdirSync(a).filter((f) => f.endsWith('.vcf'))).toHaveLength(120);
    expect(readdirSync(b).filter((f) => f.endsWith('.vcf'))).toHaveLength(120);
  });

  it('a sync while another process syncs says who holds the folder, or waits for it', async () => {
    const holder = sleeper();
    holdLock(dataDir, holder.pid);
    try {
      expect(await cli.fails(['sync', '--wait', '0'])).toBe(`Another Concord process (pid ${holder.pid}: concord sync) is syncing this data folder; try again when it has finished.`);
      const waiting = cli.run(['sync', '--wait', '20', '--json']);
      await new Promise((resolve) => setTimeout(resolve, 700));
      holder.stop();
      expect((await waiting).code).toBe(0);
    } finally {
      holder.stop();
    }
    // A lock left by a process that died is taken over.
    holdLock(dataDir, 2 ** 22 + 12345);
    await cli.ok(['sync', '--wait', '0', '--json']);
    expect(readdirSync(dataDir)).not.toContain('sync.lock');
  });

  it('a database another process keeps locked: reads still work, a write fails in one line after the busy timeout, and nothing is damaged', async () => {
    const db = new Database(join(dataDir, 'concord.sqlite3'));
    db.exec('BEGIN IMMEDIATE');
    try {
      expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(120);
      expect(await cli.fails(['account', 'add', 'folder', '--name', 'C', '--path', join(temp, 'shared-c')])).toMatch(
        /^The Concord database in .* is busy: another Concord process kept it locked\. Try again when it has finished\.$/,
      );
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
    await cli.ok(['account', 'add', 'folder', '--name', 'C', '--path', join(temp, 'shared-c')]);
    const check = new Database(join(dataDir, 'concord.sqlite3'), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
