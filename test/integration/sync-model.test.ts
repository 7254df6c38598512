// Model-based property test of the sync engine (vdirsyncer's SyncMachine idea, with fast-check
// commands): random creates, edits and deletes in every account and in the hub, random syncs,
// expired cursors and injected faults (server errors, writes applied but answered with a dropped
// connection). After every quiescent point (conflicts decided, two clean syncs) the invariants
// must hold: accounts and hub agree, nothing is duplicated, no value a user wrote is lost,
// pull-only accounts are never written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { changeContact } from '../../electron/engine/hub/contacts.ts';
import { getContact } from '../../electron/engine/db/repos/contacts.ts';
import { semanticHash } from '../../electron/engine/model/hash.ts';
import { card, fieldsOf, startWorld } from '../support/sync-world.ts';
import type { World } from '../support/sync-world.ts';

interface Model {
  w: World;
  accounts: { name: string; source: MemorySource; pull: boolean }[];
  /** Every note text Concord took into its care (in the hub after a sync, or written in the hub): none may vanish. */
  written: Set<string>;
  next: number;
}

type Cmd = fc.AsyncCommand<{ n: number }, Model>;

const noteOf = (payload: string) => /\r\nNOTE:([^\r]*)/.exec(payload)?.[1] ?? '';
const withNote = (payload: string, note: string) => payload.replace(/\r\nNOTE:[^\r]*/, '').replace('\r\nEND:VCARD', `\r\nNOTE:${note}\r\nEND:VCARD`);

class Create implements Cmd {
  readonly account: number;
  constructor(account: number) {
    this.account = account;
  }
  check = () => true;
  async run(_: { n: number }, m: Model) {
    const a = m.accounts[this.account % m.accounts.length]!;
    const n = m.next++;
    const note = `note-${n}`;
    a.source.createExternally(card({ fn: `Person ${n}`, email: `person${n}@example.org`, note }));
  }
  toString = () => `Create(${this.account})`;
}

class Edit implements Cmd {
  readonly account: number;
  readonly pick: number;
  constructor(account: number, pick: number) {
    this.account = account;
    this.pick = pick;
  }
  check = () => true;
  async run(_: { n: number }, m: Model) {
    const a = m.accounts[this.account % m.accounts.length]!;
    const items = a.source.snapshot();
    if (items.length === 0) return;
    const item = items[this.pick % items.length]!;
    const note = `edit-${m.next++}`;
    a.source.editExternally(item.id, withNote(item.payload, note));
  }
  toString = () => `Edit(${this.account}, ${this.pick})`;
}

class Delete implements Cmd {
  readonly account: number;
  readonly pick: number;
  constructor(account: number, pick: number) {
    this.account = account;
    this.pick = pick;
  }
  check = () => true;
  async run(_: { n: number }, m: Model) {
    const a = m.accounts[this.account % m.accounts.length]!;
    const items = a.source.snapshot();
    if (items.length === 0) return;
    a.source.deleteExternally(items[this.pick % items.length]!.id);
  }
  toString = () => `Delete(${this.account}, ${this.pick})`;
}

class EditHub implements Cmd {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check = () => true;
  async run(_: { n: number }, m: Model) {
    const page = await m.w.client.call('contacts.list', { limit: 500 });
    if (page.items.length === 0) return;
    const id = page.items[this.pick % page.items.length]!.id;
    const contact = getContact(m.w.engine.context.db, id)!;
    const note = `hub-${m.next++}`;
    m.written.add(note);
    changeContact({ db: m.w.engine.context.db, now: m.w.ports.clock.now(), runId: null }, id, { ...contact.fields, note });
  }
  toString = () => `EditHub(${this.pick})`;
}

type Fault = 'none' | 'unavailable' | 'rate-limited' | 'drop-after-write' | 'expire-cursor';

class Sync implements Cmd {
  readonly account: number;
  readonly fault: Fault;
  constructor(account: number, fault: Fault) {
    this.account = account;
    this.fault = fault;
  }
  check = () => true;
  async run(_: { n: number }, m: Model) {
    const a = m.accounts[this.account % m.accounts.length]!;
    const restore = { create: a.source.create, update: a.source.update };
    if (this.fault === 'unavailable' || this.fault === 'rate-limited') a.source.failNext(this.fault, 1);
    if (this.fault === 'expire-cursor') a.source.expireCursors();
    if (this.fault === 'drop-after-write') {
      // The server applies the write, then the connection drops before the answer.
      a.source.create = async (payload, options) => {
        await restore.create.call(a.source, payload, options);
        throw new Error('socket hang up');
      };
      a.source.update = async (id, etag, payload, options) => {
        await restore.update.call(a.source, id, etag, payload, options);
        throw new Error('socket hang up');
      };
    }
    try {
      await m.w.client.call('sync.run', {});
    } finally {
      Object.assign(a.source, restore);
    }
    // What reached the hub is in Concord's care from now on.
    const rows = m.w.engine.context.db.prepare('SELECT fields FROM contacts').all() as { fields: string }[];
    for (const r of rows) {
      const note = (JSON.parse(r.fields) as { note: string }).note;
      if (note) m.written.add(note);
    }
  }
  toString = () => `Sync(${this.account}, ${this.fault})`;
}

async function quiesce(m: Model): Promise<void> {
  await new Sync(0, 'none').run({ n: 0 }, m);
  for (const c of await m.w.client.call('conflicts.list')) await m.w.client.call('conflicts.resolve', { id: c.id, keep: 'hub' });
  await m.w.client.call('sync.run', {});
  await m.w.client.call('sync.run', {});
}

async function checkInvariants(m: Model): Promise<void> {
  const db = m.w.engine.context.db;
  const hub = await m.w.client.call('contacts.list', { limit: 500 });
  const hubHashes = hub.items.map((i) => semanticHash(getContact(db, i.id)!.fields, { defaultRegion: null })).sort();
  for (const a of m.accounts.filter((x) => !x.pull)) {
    const items = a.source.snapshot();
    // Agreement: the same contacts, with the same meaning, in the hub and every two-way account.
    expect(items.map((i) => semanticHash(fieldsOf(i.payload), { defaultRegion: null })).sort()).toEqual(hubHashes);
    // No duplicates from retries: one item per contact.
    expect(new Set(items.map((i) => fieldsOf(i.payload).emails[0]?.value)).size).toBe(items.length);
  }
  for (const a of m.accounts.filter((x) => x.pull)) expect(a.source.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
  // No value a user wrote is lost: it is in the hub, an account, or the journal (restorable).
  const everywhere = JSON.stringify([
    db.prepare('SELECT fields FROM contacts').all(),
    db.prepare('SELECT before, after FROM journal').all(),
    m.accounts.map((a) => a.source.snapshot().map((i) => noteOf(i.payload))),
  ]);
  for (const note of m.written) expect(everywhere).toContain(note);
  expect(await m.w.client.call('conflicts.list')).toEqual([]);
}

const commands = [
  fc.nat(2).map((a) => new Create(a)),
  fc.tuple(fc.nat(2), fc.nat(20)).map(([a, p]) => new Edit(a, p)),
  fc.tuple(fc.nat(2), fc.nat(20)).map(([a, p]) => new Delete(a, p)),
  fc.nat(20).map((p) => new EditHub(p)),
  fc.tuple(fc.nat(2), fc.constantFrom<Fault>('none', 'none', 'unavailable', 'rate-limited', 'drop-after-write', 'expire-cursor')).map(([a, f]) => new Sync(a, f)),
];

describe('sync, model-based with faults', () => {
  it('converges, loses nothing, duplicates nothing, never writes a pull-only account', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        const w = startWorld();
        try {
          const accounts = [
            { name: 'Google', ...(await w.addAccount('Google')), pull: false },
            { name: 'iCloud', ...(await w.addAccount('iCloud')), pull: false },
            { name: 'Directory', ...(await w.addAccount('Directory', { direction: 'pull' })), pull: true },
          ];
          const m: Model = { w, accounts, written: new Set(), next: 0 };
          await fc.asyncModelRun(() => ({ model: { n: 0 }, real: m }), cmds);
          await quiesce(m);
          await checkInvariants(m);
        } finally {
          w.close();
        }
      }),
      { numRuns: Number(process.env.CONCORD_MODEL_RUNS ?? 200) },
    );
  }, 120_000);
});
