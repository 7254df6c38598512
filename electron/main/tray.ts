// The tray icon: renders a TrayView (tray-state.ts) into Electron's Tray and Menu, which are passed
// in so tests can hand fakes. Icons come from build/tray/ (copied to resources/tray/ when packaged,
// see build/electron-builder.mjs extraResources).
// Invariants: the menu is rebuilt from the view only when it changed (rebuilding a context menu
// while it is open closes it on Linux); macOS gets the monochrome template image (the menu bar
// tints it for light and dark) plus a short title, other systems the coloured state icon.
import { join } from 'node:path';
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { TrayAction, TrayIcon, TrayMenuItem, TrayView } from './tray-state.ts';

/** The file for a state's icon in the tray folder; nativeImage picks up the @2x sibling itself. */
export function trayIconFile(dir: string, icon: TrayIcon, platform: NodeJS.Platform): string {
  // "Template" at the end of the name makes nativeImage treat it as a macOS template image.
  return join(dir, platform === 'darwin' ? 'trayTemplate.png' : `tray-${icon}.png`);
}

export function menuTemplate(items: TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'action':
        return { id: item.action, label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    }
  });
}

/** The parts of Electron's Tray this module uses. */
export interface TrayLike {
  setImage(image: NativeImage | string): void;
  setToolTip(tooltip: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps<M> {
  createTray(imagePath: string): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  iconDir: string;
  platform: NodeJS.Platform;
}

export interface TrayController {
  render(view: TrayView): void;
  destroy(): void;
}

export function createTrayController<M>(deps: TrayDeps<M>, initial: TrayView, onAction: (action: TrayAction) => void): TrayController {
  const file = (view: TrayView) => trayIconFile(deps.iconDir, view.icon, deps.platform);
  const tray = deps.createTray(file(initial));
  // Windows and most Linux trays: a left click opens the window; the menu is on the right click.
  tray.on('click', () => onAction('open'));
  let shown: { file: string; tooltip: string; title: string; menu: string } | null = null;

  const render = (view: TrayView) => {
    const next = { file: file(view), tooltip: view.tooltip, title: view.title, menu: JSON.stringify(view.menu) };
    if (next.file !== shown?.file) tray.setImage(next.file);
    if (next.tooltip !== shown?.tooltip) tray.setToolTip(next.tooltip);
    if (deps.platform === 'darwin' && next.title !== shown?.title) tray.setTitle(next.title);
    if (next.menu !== shown?.menu) tray.setContextMenu(deps.buildMenu(menuTemplate(view.menu, onAction)));
    shown = next;
  };
  render(initial);
  return { render, destroy: () => tray.destroy() };
}
