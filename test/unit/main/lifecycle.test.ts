// App lifecycle with Electron faked at its boundary: one instance (a second launch shows the first
// one's window), closing the window hides it to the tray unless quitting, start at login (hidden),
// and the Google sign-in hand-off to the system browser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { claimSingleInstance } from '../../../electron/main/single-instance.ts';
import type { SingleInstanceApp } from '../../../electron/main/single-instance.ts';
import { createWindowController } from '../../../electron/main/window.ts';
import type { WindowLike } from '../../../electron/main/window.ts';
import { applyStartAtLogin, autostartPath, execLine, startedHidden } from '../../../electron/main/login-item.ts';
import type { LoginItemApp } from '../../../electron/main/login-item.ts';
import { isBrowserUrl, signInWithSystemBrowser, systemBrowser } from '../../../electron/main/google-sign-in.ts';

const appUrl = 'file:///opt/Concord/resources/app.asar/dist/renderer/index.html';

function fakeApp(gotLock: boolean) {
  const handlers = new Map<string, (event: unknown, argv: string[]) => void>();
  let quits = 0;
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: () => gotLock,
    quit: () => void quits++,
    on: (event, listener) => handlers.set(event, listener),
  };
  return { app, handlers, quits: () => quits };
}

function fakeWindow() {
  const log: string[] = [];
  const listeners = new Map<string, (...args: never[]) => void>();
  let destroyed = false;
  let minimized = false;
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const win: WindowLike = {
    isDestroyed: () => destroyed,
    isMinimized: () => minimized,
    isFocused: () => false,
    restore: () => void log.push('restore'),
    show: () => void log.push('show'),
    hide: () => void log.push('hide'),
    focus: () => void log.push('focus'),
    on: (event, listener) => listeners.set(event, listener),
    once: (event, listener) => listeners.set(event, listener),
    loadURL: async (url) => void log.push(`load ${url}`),
    webContents: {
      on: (event, listener) => listeners.set(`wc:${event}`, listener),
      setWindowOpenHandler: (handler) => void (openHandler = handler),
    },
  };
  return {
    win,
    log,
    emitClose() {
      let prevented = false;
      (listeners.get('close') as (e: { preventDefault(): void }) => void)({ preventDefault: () => void (prevented = true) });
      return prevented;
    },
    navigate(url: string) {
      let prevented = false;
      (listeners.get('wc:will-navigate') as (e: { preventDefault(): void }, url: string) => void)({ preventDefault: () => void (prevented = true) }, url);
      return prevented;
    },
    ready: () => (listeners.get('ready-to-show') as () => void)(),
    openWindow: (url: string) => openHandler!({ url }),
    minimize: () => void (minimized = true),
    destroy: () => void (destroyed = true),
  };
}

function windows() {
  const created: ReturnType<typeof fakeWindow>[] = [];
  const options: BrowserWindowConstructorOptions[] = [];
  const opened: string[] = [];
  let quitting = false;
  const controller = createWindowController({
    createWindow: (o) => {
      options.push(o);
      const w = fakeWindow();
      created.push(w);
      return w.win;
    },
    openExternal: async (url) => void opened.push(url),
    rendererUrl: appUrl,
    preloadPath: '/p/preload.cjs',
    quitting: () => quitting,
  });
  return { controller, created, options, opened, quit: () => void (quitting = true) };
}

describe('single instance', () => {
  it('the first instance keeps the lock; a second launch shows its window (not for a --hidden login start)', () => {
    const w = windows();
    const first = fakeApp(true);
    expect(claimSingleInstance(first.app, () => w.controller.show())).toBe(true);
    expect(first.quits()).toBe(0);
    first.handlers.get('second-instance')!({}, ['/opt/Concord/concord']);
    expect(w.created).toHaveLength(1);
    first.handlers.get('second-instance')!({}, ['/opt/Concord/concord']);
    expect(w.created).toHaveLength(1);
    expect(w.created[0]!.log).toEqual([`load ${appUrl}`, 'show', 'focus']);
    first.handlers.get('second-instance')!({}, ['/opt/Concord/concord', '--hidden']);
    expect(w.created[0]!.log).toHaveLength(3);

    const second = fakeApp(false);
    let shown = 0;
    expect(claimSingleInstance(second.app, () => shown++)).toBe(false);
    expect(second.quits()).toBe(1);
    expect(second.handlers.size).toBe(0);
    expect(shown).toBe(0);
  });
});

describe('main window', () => {
  it('is isolated and guarded: no navigation away, external links to the browser, no new windows', () => {
    const w = windows();
    w.controller.show();
    expect(w.options[0]!.webPreferences).toMatchObject({ preload: '/p/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false });
    const win = w.created[0]!;
    expect(win.navigate(`${appUrl}#/accounts`)).toBe(false);
    expect(win.navigate('https://evil.example/')).toBe(true);
    expect(win.openWindow('https://support.apple.com/102654')).toEqual({ action: 'deny' });
    expect(win.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(w.opened).toEqual(['https://support.apple.com/102654']);
    win.ready();
    expect(win.log.at(-1)).toBe('show');
  });

  it('closing hides it to the tray; when quitting it really closes; a destroyed window is recreated', () => {
    const w = windows();
    w.controller.show();
    const win = w.created[0]!;
    expect(win.emitClose()).toBe(true);
    expect(win.log.at(-1)).toBe('hide');
    win.minimize();
    w.controller.show();
    expect(win.log.slice(-3)).toEqual(['restore', 'show', 'focus']);
    w.quit();
    expect(win.emitClose()).toBe(false);
    win.destroy();
    expect(w.controller.window).toBeNull();
    w.controller.show();
    expect(w.created).toHaveLength(2);
  });
});

describe('start at login', () => {
  function loginApp() {
    const calls: unknown[] = [];
    let wasOpenedAtLogin = false;
    const app: LoginItemApp = {
      setLoginItemSettings: (s) => void calls.push(s),
      getLoginItemSettings: () => ({ wasOpenedAtLogin }),
    };
    return { app, calls, openedAtLogin: () => void (wasOpenedAtLogin = true) };
  }

  it('macOS and Windows: Electron login item, started hidden', () => {
    const l = loginApp();
    applyStartAtLogin(l.app, { platform: 'win32', command: ['C:\\Concord\\Concord.exe'], env: {} }, true);
    applyStartAtLogin(l.app, { platform: 'darwin', command: ['/Applications/Concord.app'], env: {} }, false);
    expect(l.calls).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
    expect(startedHidden(['Concord.exe', '--hidden'], l.app, 'win32')).toBe(true);
    expect(startedHidden(['Concord'], l.app, 'darwin')).toBe(false);
    l.openedAtLogin();
    expect(startedHidden(['Concord'], l.app, 'darwin')).toBe(true);
    expect(startedHidden(['concord'], l.app, 'linux')).toBe(false);
  });

  it('Linux: an XDG autostart entry, written once, removed only if it is Concord’s', () => {
    const home = mkdtempSync(join(tmpdir(), 'concord-autostart-'));
    try {
      const env = { XDG_CONFIG_HOME: home };
      const l = loginApp();
      const host = { platform: 'linux' as const, command: ['/home/ann/Apps/Concord 1.0.AppImage'], env };
      applyStartAtLogin(l.app, host, true);
      const path = autostartPath(env);
      expect(path).toBe(join(home, 'autostart', 'concord.desktop'));
      const entry = readFileSync(path, 'utf8');
      expect(entry).toContain('Exec="/home/ann/Apps/Concord 1.0.AppImage" --hidden\n');
      expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
      applyStartAtLogin(l.app, host, true);
      expect(readFileSync(path, 'utf8')).toBe(entry);
      applyStartAtLogin(l.app, host, false);
      expect(existsSync(path)).toBe(false);
      // Someone else's file of that name is left alone.
      mkdirSync(join(home, 'autostart'), { recursive: true });
      writeFileSync(path, '[Desktop Entry]\nExec=other\n');
      applyStartAtLogin(l.app, host, false);
      expect(readFileSync(path, 'utf8')).toBe('[Desktop Entry]\nExec=other\n');
      expect(l.calls).toEqual([]);
      expect(execLine(['/usr/bin/electron', '/src/con$cord "x"'])).toBe('/usr/bin/electron "/src/con\\$cord \\"x\\""');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('Google sign-in hand-off', () => {
  it('opens the consent page in the system browser, and only web addresses', async () => {
    const opened: string[] = [];
    const openExternal = async (url: string) => void opened.push(url);
    const consent = 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x&code_challenge=y';
    const grant = await signInWithSystemBrowser(
      async (_config, options) => {
        await options.openUrl(consent);
        return { refreshToken: 'r', accessToken: null, expiryDate: null, scopes: [] };
      },
      { clientId: 'x', clientSecret: 's' } as never,
      openExternal,
    );
    expect(grant.refreshToken).toBe('r');
    expect(opened).toEqual([consent]);
    expect(isBrowserUrl('http://127.0.0.1:4000/o/oauth2/auth')).toBe(true);
    expect(isBrowserUrl('http://example.org/')).toBe(false);
    for (const bad of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'not a url']) {
      await expect(systemBrowser(openExternal)(bad)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    }
    expect(opened).toHaveLength(1);
  });
});
