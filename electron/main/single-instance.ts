// One Concord per user session: two instances would run two schedulers and two trays over one data
// folder. The second launch hands over to the first (Electron's app.requestSingleInstanceLock) and
// quits; the first shows its window, unless the second was only a login-item start (--hidden).
import { HIDDEN_ARG } from './login-item.ts';

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
}

/** True when this process is the one instance; otherwise it has asked itself to quit. */
export function claimSingleInstance(app: SingleInstanceApp, showWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    if (!argv.includes(HIDDEN_ARG)) showWindow();
  });
  return true;
}
