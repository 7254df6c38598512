// Electron composition root: one instance, one engine, one window over IPC, the tray and background
// sync. Only wiring lives here; behaviour is in the modules it composes, each tested with fakes
// (test/unit/main/). The engine stays in electron/engine and never imports electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, powerMonitor, shell, Tray } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngine } from '../engine/index.ts';
import type { Engine } from '../engine/index.ts';
import { defaultSourceFactories } from '../engine/providers/registry.ts';
import { withLockedSyncs } from '../engine/sync/lock.ts';
import { startDesktop } from './desktop.ts';
import type { Desktop } from './desktop.ts';
import { registerIpc } from './ipc.ts';
import { applyStartAtLogin, startedHidden } from './login-item.ts';
import { electronPorts } from './ports.ts';
import { claimSingleInstance } from './single-instance.ts';
import { syncJob } from './sync-job.ts';
import { createTrayController } from './tray.ts';
import { createWindowController } from './window.ts';

const rendererUrl = pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
// Tray icons: build/tray/ in a checkout, resources/tray/ in a package (electron-builder extraResources).
const trayDir = () => (app.isPackaged ? join(process.resourcesPath, 'tray') : fileURLToPath(new URL('../../build/tray/', import.meta.url)));
// What a login item starts: the AppImage itself, the packaged binary, or electron with this checkout.
const launchCommand = () => (process.env.APPIMAGE ? [process.env.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()]);

let engine: Engine | null = null;
let desktop: Desktop | null = null;
let quitting = false;
const windows = createWindowController({
  createWindow: (options) => new BrowserWindow(options),
  openExternal: (url) => shell.openExternal(url),
  rendererUrl,
  preloadPath,
  quitting: () => quitting,
});

async function start(): Promise<void> {
  // Google's consent page opens in the system browser, never in a window of ours (RFC 8252 §8.12).
  const ports = electronPorts({ openExternal: (url) => shell.openExternal(url) });
  const dataDir = app.getPath('userData');
  const live = createEngine(ports, {
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    sources: defaultSourceFactories(process.env, { images: ports.images }),
    google: { env: process.env },
  });
  engine = live;
  // Syncs started from the window hold the data folder's lock, like `concord sync` and `concord serve`.
  const locked = { dispatch: withLockedSyncs(live, dataDir, 'Concord desktop app'), subscribe: (listener: Parameters<Engine['subscribe']>[0]) => live.subscribe(listener) };
  registerIpc(ipcMain, locked, { appUrl: rendererUrl, logger: ports.logger, windows: () => BrowserWindow.getAllWindows().map((w) => w.webContents) });
  desktop = await startDesktop({
    engine: locked,
    runSync: syncJob({ dataDir, run: (options) => live.context.sync.run(options), logger: ports.logger }),
    powerMonitor,
    isOnline: () => net.isOnline(),
    createTray: (initial, onAction) =>
      createTrayController(
        { createTray: (image) => new Tray(image), buildMenu: (template) => Menu.buildFromTemplate(template), iconDir: trayDir(), platform: process.platform },
        initial,
        onAction,
      ),
    Notification,
    systemLocale: () => app.getLocale(),
    applyStartAtLogin: (enabled) => applyStartAtLogin(app, { platform: process.platform, command: launchCommand(), env: process.env }, enabled),
    windowFocused: () => windows.window?.isFocused() ?? false,
    showWindow: () => windows.show(),
    quit: () => app.quit(),
    logger: ports.logger,
  });
  if (!startedHidden(process.argv, app, process.platform)) windows.show();
  app.on('activate', () => windows.show());
}

if (claimSingleInstance(app, () => windows.show())) {
  // Windows shows notifications only for an app with an AppUserModelID (the installer sets the same one).
  if (process.platform === 'win32') app.setAppUserModelId('app.concord.desktop');
  app.on('before-quit', () => {
    quitting = true;
  });
  // Closing the window hides it to the tray; Concord quits only from the tray menu (or the OS).
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => {
    desktop?.stop();
    engine?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Concord could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
