// The main window and its guards (Electron security checklist): context isolation, sandbox, no
// Node in the renderer, no navigation away from Concord's UI, external links to the system browser
// (https and mailto only), no new windows.
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Concord',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  };
}

/** Navigation inside the window is allowed only to the app's own page (hash routes included). */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target);
    const a = new URL(appUrl);
    return t.protocol === a.protocol && t.host === a.host && t.pathname === a.pathname;
  } catch {
    return false;
  }
}

/** Links the user clicks open in the system browser, but only web and mail links. */
export function isOpenableExternally(target: string): boolean {
  try {
    return ['https:', 'mailto:'].includes(new URL(target).protocol);
  } catch {
    return false;
  }
}

/** The parts of a BrowserWindow the controller uses (tests pass a fake). */
export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isFocused(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  webContents: {
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  };
}

export interface WindowControllerOptions {
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  openExternal(url: string): Promise<void>;
  rendererUrl: string;
  preloadPath: string;
  /** True once the person chose Quit: only then does closing the window really close it. */
  quitting(): boolean;
}

/**
 * The one main window: created on first show, then shown again. Closing it hides it to the tray
 * (background sync goes on) unless the app is quitting.
 */
export function createWindowController(options: WindowControllerOptions): { show(): void; readonly window: WindowLike | null } {
  let win: WindowLike | null = null;
  return {
    get window() {
      return win && !win.isDestroyed() ? win : null;
    },
    show() {
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        return;
      }
      const created = options.createWindow(windowOptions(options.preloadPath));
      created.webContents.on('will-navigate', (event, url) => {
        if (!isAllowedNavigation(url, options.rendererUrl)) event.preventDefault();
      });
      created.webContents.setWindowOpenHandler(({ url }) => {
        if (isOpenableExternally(url)) void options.openExternal(url);
        return { action: 'deny' };
      });
      created.on('close', (event) => {
        if (options.quitting()) return;
        event.preventDefault();
        created.hide();
      });
      created.once('ready-to-show', () => created.show());
      void created.loadURL(options.rendererUrl);
      win = created;
    },
  };
}
