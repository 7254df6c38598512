// The one IPC channel between renderer and engine. Invariant: only frames showing Concord's own
// UI may call (Electron's security checklist: validate the sender of every IPC message); anything
// else gets UNAVAILABLE and is logged, and the engine never sees the call.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../shared/api/ipc.ts';
import type { Envelope } from '../../shared/api/transport.ts';
import type { Engine } from '../engine/index.ts';
import type { Logger } from '../engine/ports.ts';

export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const frame = new URL(frameUrl);
    const app = new URL(appUrl);
    return app.protocol === 'file:' ? frame.protocol === 'file:' && frame.pathname === app.pathname : frame.origin === app.origin;
  } catch {
    return false;
  }
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  engine: Pick<Engine, 'dispatch' | 'subscribe'>,
  options: { appUrl: string; logger: Logger; windows: () => WebContents[] },
): () => void {
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event.senderFrame?.url, options.appUrl)) {
      options.logger.warn('refused an IPC call from an untrusted frame', { url: event.senderFrame?.url ?? null });
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'Not allowed from this page.' } };
    }
    return engine.dispatch(typeof method === 'string' ? method : '', params);
  });
  const unsubscribe = engine.subscribe((message) => {
    for (const contents of options.windows()) if (!contents.isDestroyed()) contents.send(IPC_EVENT, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL);
  };
}
