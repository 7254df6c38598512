// Peak RSS of the engine alone during a first sync of N contacts (issue #7: "peak memory, target
// under 400 MB RSS"). In the in-process bench the accounts' 2×N cards and the generated people sit
// in the same heap as the engine, and V8 sizes its heap to what is alive, so that process's peak
// says little about the engine. Here the engine runs in a child process (sync-memory-child.ts) and
// the two memory accounts stay in this one, answering over IPC like a server would.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { isProviderError } from '../../electron/engine/providers/types.ts';
import type { ChangePage, ProviderErrorKind } from '../../electron/engine/providers/types.ts';

export interface SourceCall {
  id: number;
  account: string;
  method: 'open' | 'next' | 'get' | 'create' | 'update' | 'delete';
  args: unknown[];
}
export type SourceReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { kind: ProviderErrorKind; message: string } };
export interface MemoryReport {
  /** Peak RSS (MiB, VmHWM) once the engine is open with its two accounts, before syncing. */
  before: number;
  afterFirst: number;
  afterQuiet: number;
  created: number;
}

export async function engineOnlyMemory(cards: readonly string[]): Promise<MemoryReport> {
  const sources = new Map([
    ['A', new MemorySource({ pageSize: 1000 })],
    ['B', new MemorySource({ pageSize: 1000 })],
  ]);
  for (const c of cards) sources.get('A')!.createExternally(c);
  const listings = new Map<number, AsyncIterator<ChangePage>>();
  let nextListing = 0;
  const handle = async (source: MemorySource, m: SourceCall): Promise<unknown> => {
    switch (m.method) {
      case 'open': {
        listings.set(nextListing, source.listChanges(m.args[0] as string | null)[Symbol.asyncIterator]());
        return nextListing++;
      }
      case 'next': {
        const step = await listings.get(m.args[0] as number)!.next();
        return step.done ? null : step.value;
      }
      case 'get':
        return source.get(m.args[0] as string[]);
      case 'create':
        return source.create(m.args[0] as string, m.args[1] as { idHint?: string });
      case 'update':
        return source.update(m.args[0] as string, m.args[1] as string, m.args[2] as string);
      case 'delete':
        return source.delete(m.args[0] as string, m.args[1] as string);
    }
  };
  const child = fork(fileURLToPath(new URL('./sync-memory-child.ts', import.meta.url)), [], {
    execArgv: ['--disable-warning=ExperimentalWarning'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<MemoryReport>((resolve, reject) => {
    child.on('message', (m: SourceCall | { report: MemoryReport }) => {
      if ('report' in m) {
        resolve(m.report);
        child.disconnect();
        return;
      }
      handle(sources.get(m.account)!, m).then(
        (value) => child.send({ id: m.id, ok: true, value } satisfies SourceReply),
        (error: unknown) =>
          child.send({
            id: m.id,
            ok: false,
            error: { kind: isProviderError(error) ? error.kind : 'rejected', message: error instanceof Error ? error.message : String(error) },
          } satisfies SourceReply),
      );
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the engine process exited with ${code} before reporting`)));
  });
}
