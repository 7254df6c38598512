// "Start at login" (settings.startAtLogin), opening hidden in the tray. macOS and Windows have it in
// Electron (app.setLoginItemSettings; the `--hidden` argument reaches us on Windows, macOS says
// wasOpenedAtLogin instead); Electron does not support it on Linux, where the freedesktop.org
// Desktop Application Autostart spec applies: a .desktop file in $XDG_CONFIG_HOME/autostart.
// Invariants: applying the same setting twice changes nothing; turning it off removes only the
// file Concord wrote (its own name, with its own marker line), never another autostart entry.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HIDDEN_ARG = '--hidden';
const AUTOSTART_FILE = 'concord.desktop';
const MARKER = 'X-Concord-Autostart=true';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(): { wasOpenedAtLogin?: boolean };
}

export interface LoginItemHost {
  platform: NodeJS.Platform;
  /** The command that starts Concord: [executable, ...args] ($APPIMAGE for an AppImage, else process.execPath; plus the app folder when unpackaged). */
  command: string[];
  env: NodeJS.ProcessEnv;
}

/** Desktop Entry spec, "The Exec key": quote arguments with reserved characters, escaping " ` $ \ inside. */
export function execLine(args: string[]): string {
  return args.map((a) => (/^[\w/.,:=@%+-]+$/.test(a) ? a : `"${a.replace(/(["`$\\])/g, '\\$1')}"`)).join(' ');
}

export function autostartPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', AUTOSTART_FILE);
}

export function autostartEntry(command: string[]): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Concord', 'Comment=Keeps your contacts in sync', `Exec=${execLine([...command, HIDDEN_ARG])}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', MARKER, ''].join('\n');
}

export function applyStartAtLogin(app: LoginItemApp, host: LoginItemHost, enabled: boolean): void {
  if (host.platform === 'darwin' || host.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  const path = autostartPath(host.env);
  if (enabled) {
    const entry = autostartEntry(host.command);
    if (existsSync(path) && readFileSync(path, 'utf8') === entry) return;
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, entry);
  } else if (existsSync(path) && readFileSync(path, 'utf8').includes(MARKER)) {
    rmSync(path);
  }
}

/** Started by the login item: stay in the tray instead of opening the window. */
export function startedHidden(argv: string[], app: LoginItemApp, platform: NodeJS.Platform): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
