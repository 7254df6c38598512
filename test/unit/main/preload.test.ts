// The preload with `electron` mocked at the module boundary (its binary cannot run here): it exposes
// exactly one global, window.concord, with the Transport shape and nothing of ipcRenderer, and it
// talks only on the contract's two channels.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENT } from '../../../shared/api/ipc.ts';

const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, result: 'pong' };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(listener),
  },
}));

describe('preload', () => {
  it('exposes only window.concord = { request, subscribe } over the contract channels', async () => {
    await import('../../../electron/preload/index.ts');
    expect([...exposed.keys()]).toEqual(['concord']);
    const bridge = exposed.get('concord') as { request(m: string, p: unknown): Promise<unknown>; subscribe(l: (m: unknown) => void): () => void };
    expect(Object.keys(bridge).sort()).toEqual(['request', 'subscribe']);

    expect(await bridge.request('app.info', {})).toEqual({ ok: true, result: 'pong' });
    expect(invoked).toEqual([[IPC_CALL, 'app.info', {}]]);

    const seen: unknown[] = [];
    const unsubscribe = bridge.subscribe((m) => seen.push(m));
    expect([...listeners.keys()]).toEqual([IPC_EVENT]);
    const message = { event: 'conflicts.changed', payload: { open: 2 } };
    // The IPC event object (with its sender) never reaches the page, only the message.
    for (const l of listeners.get(IPC_EVENT)!) l({ sender: 'ipc internals' }, message);
    expect(seen).toEqual([message]);
    unsubscribe();
    expect(listeners.get(IPC_EVENT)!.size).toBe(0);
  });
});
