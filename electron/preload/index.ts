// The preload: exposes exactly `window.concord = { request, subscribe }` (the Transport shape the
// renderer expects) and nothing of ipcRenderer itself, so a compromised page can reach only the
// one validated contract channel.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../shared/api/ipc.ts';
import type { AnyEventMessage } from '../../shared/api/events.ts';
import type { Envelope, PreloadBridge } from '../../shared/api/transport.ts';

const bridge = {
  request: (method: string, params: unknown): Promise<Envelope> => ipcRenderer.invoke(IPC_CALL, method, params) as Promise<Envelope>,
  subscribe(listener: (message: AnyEventMessage) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: AnyEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => void ipcRenderer.removeListener(IPC_EVENT, handler);
  },
} satisfies PreloadBridge;

contextBridge.exposeInMainWorld('concord', bridge);
