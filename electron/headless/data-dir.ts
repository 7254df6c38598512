// Where Concord keeps its data: the same per-user folder the desktop app uses (Electron's
// app.getPath('userData') for productName "Concord"), so the CLI and the app see one database.
// --data-dir and CONCORD_DATA_DIR override it (in that order).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_DIR_ENV = 'CONCORD_DATA_DIR';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Concord');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Concord');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Concord');
  }
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env[DATA_DIR_ENV] ?? defaultDataDir(env);
}
