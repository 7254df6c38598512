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
