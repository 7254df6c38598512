// The real servers and browser the tests drive are Debian packages (DESIGN.md §7): Radicale and
// Xandikos for CardDAV, Chromium for UI tests, a CJK font so zh-CN screenshots are legible.
// Installs the missing ones with apt-get when this process may (root, non-interactive); otherwise
// names them in one line, and the tests that need them fail saying so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = [
  { pkg: 'radicale', present: () => onPath('radicale') },
  { pkg: 'xandikos', present: () => onPath('xandikos') },
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-wqy-microhei', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') },
];

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

export function ensureSystemPackages() {
  if (process.platform !== 'linux') return;
  const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
  if (!onPath('apt-get') || sudo === null) {
    process.stderr.write(`concord: the tests need these Debian packages, not installed: ${missing.join(' ')} (sudo apt-get install ${missing.join(' ')})\n`);
    return;
  }
  process.stderr.write(`concord: installing test servers and browser: ${missing.join(' ')} …\n`);
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const aptArgs = (args) => (sudo.length ? [...pre, 'apt-get', ...args] : args);
  if (!run(cmd, aptArgs(['install', '-y', '-qq', '--no-install-recommends', ...missing]))) {
    run(cmd, aptArgs(['update', '-qq']));
    if (!run(cmd, aptArgs(['install', '-y', '-qq', '--no-install-recommends', ...missing]))) {
      process.stderr.write(`concord: apt-get could not install ${missing.join(' ')}; tests that need them will fail.\n`);
    }
  }
}
