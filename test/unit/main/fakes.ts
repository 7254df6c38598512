// Fakes for the Electron pieces the main-process modules take as parameters (Notification, Tray),
// shared by the tests in this folder. Electron itself cannot run here (no binary).
import type { NotificationClass } from '../../../electron/main/notifications.ts';
import type { TrayLike } from '../../../electron/main/tray.ts';

export function fakeNotifications(supported = true) {
  const shown: { title: string; body: string }[] = [];
  const clicks: (() => void)[] = [];
  const Notification = class {
    static isSupported = () => supported;
    readonly options: { title: string; body: string };
    constructor(options: { title: string; body: string }) {
      this.options = options;
    }
    on(_event: 'click', listener: () => void) {
      clicks.push(listener);
    }
    show() {
      shown.push({ title: this.options.title, body: this.options.body });
    }
  } satisfies NotificationClass;
  return { Notification, shown, clicks };
}

/** A Tray recording what it was told, one line per call. */
export function fakeTray() {
  const calls: string[] = [];
  let click: (() => void) | undefined;
  const tray: TrayLike = {
    setImage: (image) => void calls.push(`image ${String(image)}`),
    setToolTip: (t) => void calls.push(`tooltip ${t.split('\n')[1]}`),
    setTitle: (t) => void calls.push(`title ${t}`),
    setContextMenu: () => void calls.push('menu'),
    on: (_event, listener) => (click = listener),
    destroy: () => void calls.push('destroy'),
  };
  return { tray, calls, click: () => click?.() };
}
