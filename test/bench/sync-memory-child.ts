// The engine side of the sync memory measurement (sync-memory.ts): a process with nothing in it but
// the engine, whose two memory accounts live in the parent and are reached over IPC, as a real
// account lives on a server. It runs a first sync and a no-change sync and reports its own peak
// RSS (the kernel's high-water mark for this process, VmHWM) after each.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../electron/engine/index.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import { vcardCodec } from '../../electron/engine/sync/codecs/vcard.ts';
import type { ChangePage, ContactSource, RemoteItem } from '../../electron/engine/providers/types.ts';
import { ProviderError } from '../../electron/engine/providers/types.ts';
import { createClient } from '../../shared/api/client.ts';
import { inProcessTransport } from '../../electron/engine/api/in-process.ts';
import type { SourceCall, SourceReply, MemoryReport } from './sync-memory.ts';

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
let nextId = 0;
process.on('message', (m: SourceReply) => {
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if (m.ok) p.resolve(m.value);
  else p.reject(new ProviderError(m.error.kind, m.error.message));
});
function call<T>(account: string, method: SourceCall['method'], args: unknown[]): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    process.send!({ id, account, method, args } satisfies SourceCall);
  });
}

/** A ContactSource whose items are in the parent process. */
function remoteSource(account: string): ContactSource {
  return {
    capabilities: { clientChosenIds: true, maxBatch: 1000 },
    async *listChanges(cursor) {
      // The parent walks the account's pages; each call returns the next one (null when done).
      const listing = await call<number>(account, 'open', [cursor]);
      for (;;) {
        const page = await call<ChangePage | null>(account, 'next', [listing]);
        if (!page) return;
        yield page;
      }
    },
    get: (ids) => call<RemoteItem[]>(account, 'get', [ids]),
    create: (payload, options) => call<RemoteItem>(account, 'create', [payload, { idHint: options?.idHint }]),
    update: (id, etag, payload) => call<RemoteItem>(account, 'update', [id, etag, payload]),
    delete: (id, etag) => call<void>(account, 'delete', [id, etag]),
  };
}

/**
 * The process's own peak RSS. Not getrusage's maxrss: Linux carries it over from the parent through
 * fork and exec, so a child forked by a bench holding 1 GB starts with a "peak" of 1 GB. VmHWM is
 * the high-water mark of this process's address space alone; maxrss elsewhere.
 */
function maxRssMiB(): number {
  const hwm = existsSync('/proc/self/status') ? /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] : undefined;
  return Math.round((hwm ? Number(hwm) : process.resourceUsage().maxRSS) / 1024);
}
const dir = mkdtempSync(join(tmpdir(), 'concord-bench-memory-'));
try {
  const engine = createEngine(memoryPorts({ clock: { now: () => Date.now() } }), {
    dataDir: dir,
    host: 'test',
    version: 'bench',
    sources: { memory: (account, _secret, { db }) => ({ source: remoteSource(account.name), codec: vcardCodec({ version: '3.0', db }) }) },
  });
  const client = createClient(inProcessTransport(engine));
  await client.call('accounts.add', { kind: 'memory', name: 'A' });
  await client.call('accounts.add', { kind: 'memory', name: 'B' });
  const before = maxRssMiB();
  const first = await client.call('sync.run', {});
  const afterFirst = maxRssMiB();
  await client.call('sync.run', {});
  await client.call('sync.run', {});
  engine.close();
  process.send!({ report: { before, afterFirst, afterQuiet: maxRssMiB(), created: first.created } } satisfies { report: MemoryReport }, () => process.disconnect());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
