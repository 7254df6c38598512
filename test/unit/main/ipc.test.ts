// The Electron main process's IPC boundary and window guards, with Electron faked at its boundary
// (an ipcMain-shaped object): only Concord's own page may call the engine, events reach windows.
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../../shared/api/ipc.ts';
import { isTrustedSender, registerIpc } from '../../../electron/main/ipc.ts';
import { isAllowedNavigation, isOpenableExternally, windowOptions } from '../../../electron/main/window.ts';
import { memoryLogger } from '../../../electron/engine/ports-memory.ts';
import { startTestEngine } from '../../support/engine.ts';

const appUrl = 'file:///opt/Concord/resources/app.asar/dist/renderer/index.html';

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

describe('IPC', () => {
  it('dispatches calls from Concord’s own page and refuses every other frame', async () => {
    const t = startTestEngine();
    const ipc = fakeIpcMain();
    const logger = memoryLogger();
    const sent: unknown[][] = [];
    const contents = { isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) } as unknown as WebContents;
    const dispose = registerIpc(ipc, t.engine, { appUrl, logger, windows: () => [contents] });

    const call = ipc.handlers.get(IPC_CALL)!;
    expect(await call(from(appUrl), 'app.info', {})).toMatchObject({ ok: true, result: { host: 'test' } });
    expect(await call(from(`${appUrl}#/settings`), 'app.info', {})).toMatchObject({ ok: true });
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'devtools://devtools/x', '']) {
      expect(await call(from(url), 'app.info', {})).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Not allowed from this page.' } });
    }
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(4);
    expect(await call(from(appUrl), 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    await t.client.call('settings.update', { language: 'en' });
    expect(sent.at(-1)).toEqual([IPC_EVENT, { event: 'settings.changed', payload: expect.objectContaining({ language: 'en' }) }]);

    dispose();
    expect(ipc.handlers.has(IPC_CALL)).toBe(false);
    t.close();
  });

  it('trusts a dev-server origin only for that origin', () => {
    expect(isTrustedSender('http://127.0.0.1:5173/contacts', 'http://127.0.0.1:5173/')).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:5174/', 'http://127.0.0.1:5173/')).toBe(false);
    expect(isTrustedSender('not a url', appUrl)).toBe(false);
  });
});

describe('window guards', () => {
  it('isolates the renderer: context isolation, sandbox, no Node', () => {
    expect(windowOptions('/p/preload.cjs').webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('keeps navigation on the app page and sends only web and mail links outside', () => {
    expect(isAllowedNavigation(`${appUrl}#/conflicts`, appUrl)).toBe(true);
    expect(isAllowedNavigation('https://accounts.google.com/', appUrl)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', appUrl)).toBe(false);
    expect(isOpenableExternally('https://support.apple.com/102654')).toBe(true);
    expect(isOpenableExternally('mailto:ann@example.org')).toBe(true);
    expect(isOpenableExternally('file:///etc/passwd')).toBe(false);
    expect(isOpenableExternally('javascript:alert(1)')).toBe(false);
  });
});
