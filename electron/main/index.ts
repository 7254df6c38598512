// Electron composition root: one instance, one engine, one window over IPC. Tray, background
// sync, notifications and sign-in arrive with the desktop-app issue; the engine stays in
// electron/engine and never imports electron.
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngine } from '../engine/index.ts';
import { defaultSourceFactories } from '../engine/providers/registry.ts';
import type { Engine } from '../engine/index.ts';
import { registerIpc } from './ipc.ts';
import { electronPorts } from './ports.ts';
import { isAllowedNavigation, isOpenableExternally, windowOptions } from './window.ts';

const rendererUrl = pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let engine: Engine | null = null;
let mainWindow: BrowserWindow | null = null;

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  const win = new BrowserWindow(windowOptions(preloadPath));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  mainWindow = win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.whenReady().then(() => {
    const ports = electronPorts();
    engine = createEngine(ports, { dataDir: app.getPath('userData'), host: 'electron', version: app.getVersion(), sources: defaultSourceFactories(process.env) });
    registerIpc(ipcMain, engine, {
      appUrl: rendererUrl,
      logger: ports.logger,
      windows: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    });
    showWindow();
    app.on('activate', showWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => engine?.close());
}
