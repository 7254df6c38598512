// A small world for sync tests: an engine on a fresh database, memory accounts standing in for
// Google/iCloud/CardDAV, and helpers to edit them "elsewhere" and read what they hold.
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { memorySourceFactory } from '../../electron/engine/providers/memory/factory.ts';
import { readVCard } from '../../electron/engine/model/vcard/index.ts';
import type { ContactFields } from '../../shared/model/contact.ts';
import type { Account, ConflictPolicy, SyncDirection } from '../../shared/model/account.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { startTestEngine } from './engine.ts';
import type { TestEngine } from './engine.ts';

export interface CardSpec {
  uid?: string;
  fn: string;
  email?: string;
  phone?: string;
  note?: string;
  title?: string;
  bday?: string;
}

/** A vCard 3.0 as another client would write it. */
export function card(spec: CardSpec): string {
  const [given = '', ...rest] = spec.fn.split(' ');
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${spec.uid ?? `ext-${spec.fn.replace(/\W/g, '-').toLowerCase()}`}`,
    `FN:${spec.fn}`,
    `N:${rest.join(' ')};${given};;;`,
    ...(spec.email ? [`EMAIL;TYPE=INTERNET,HOME:${spec.email}`] : []),
    ...(spec.phone ? [`TEL;TYPE=CELL:${spec.phone}`] : []),
    ...(spec.title ? [`TITLE:${spec.title}`] : []),
    ...(spec.bday ? [`BDAY:${spec.bday}`] : []),
    ...(spec.note ? [`NOTE:${spec.note}`] : []),
    'END:VCARD',
    '',
  ];
  return lines.join('\r\n');
}

export function fieldsOf(payload: string): ContactFields {
  const read = readVCard(payload);
  if (!read.ok || read.result.kind !== 'contact') throw new Error(`not a contact card: ${payload}`);
  return read.result.fields;
}

export interface World extends TestEngine {
  sources: Map<string, MemorySource>;
  addAccount(name: string, options?: { direction?: SyncDirection; conflictPolicy?: ConflictPolicy; priority?: number; region?: string }): Promise<{ account: Account; source: MemorySource }>;
  /** Names (FN) of the live items of a source, sorted. */
  names(source: MemorySource): string[];
  hubNames(): Promise<string[]>;
}

export function startWorld(): World {
  const sources = new Map<string, MemorySource>();
  const t = startTestEngine({ ports: memoryPorts(), sources: { memory: memorySourceFactory(sources) } });
  return {
    ...t,
    sources,
    async addAccount(name, options = {}) {
      const account = await t.client.call('accounts.add', {
        kind: 'memory',
        name,
        direction: options.direction ?? 'two-way',
        conflictPolicy: options.conflictPolicy ?? 'ask',
        priority: options.priority ?? 0,
        defaultRegion: options.region ?? null,
      });
      const source = new MemorySource({ pageSize: 50, now: () => t.ports.clock.now() });
      sources.set(account.id, source);
      return { account, source };
    },
    names: (source) => source.snapshot().map((i) => fieldsOf(i.payload).formattedName).sort(),
    async hubNames() {
      const page = await t.client.call('contacts.list', { limit: 500 });
      return page.items.map((i) => i.displayName).sort();
    },
  };
}
