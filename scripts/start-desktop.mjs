// `npm start`, after the build: opens the desktop app. Electron downloads its binary lazily (from
// GitHub) the first time it is needed; where that cannot happen (no route to GitHub, as on CI and
// sandboxes), say so in one line and serve the same UI on 127.0.0.1 instead of failing.
// Runs under Node 22 (scripts/run.mjs). `npm start -- --headless` skips the Electron attempt.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './toolchain.mjs';

const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron's own installer (what require('electron') would run); returns why it failed, or null. */
function downloadElectron() {
  process.stderr.write('concord: fetching the Electron binary (first start only) …\n');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60 * 1000 });
  if (r.status === 0 && electronBinary()) return null;
  const lines = `${r.stderr ?? ''}${r.error?.message ?? ''}`.split('\n').map((l) => l.trim());
  return lines.find((l) => /error|fail/i.test(l))?.replace(/^Error:\s*/, '') || `installer exited with ${r.status}`;
}

/**
 * better-sqlite3 ships N-API prebuilds, which Electron loads as they are. If this Electron cannot
 * load it anyway, rebuild it for Electron's ABI (needs a compiler and the npm registry).
 */
function ensureNativeModules(binary) {
  const probe = () =>
    spawnSync(binary, ['-e', "require('better-sqlite3')(':memory:').close()"], {
      cwd: root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
    }).status === 0;
  if (probe()) return true;
  process.stderr.write('concord: rebuilding better-sqlite3 for Electron …\n');
  spawnSync('npm', ['exec', '--yes', '--', '@electron/rebuild', '--force', '--only', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  return probe();
}

function serveInstead(reason) {
  process.stdout.write(`Concord: the desktop shell is unavailable here (${reason}); serving the same UI on 127.0.0.1 instead.\n`);
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'electron', 'headless', 'cli.ts'), 'serve'], {
    stdio: 'inherit',
  });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (args.includes('--headless')) {
  serveInstead('--headless was given');
} else {
  let binary = electronBinary();
  const failure = binary ? null : downloadElectron();
  binary = electronBinary();
  if (!binary) {
    serveInstead(`Electron's binary could not be downloaded: ${failure}`);
  } else if (!ensureNativeModules(binary)) {
    serveInstead('better-sqlite3 could not be loaded by Electron');
  } else {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, [root], { stdio: 'inherit', env });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
