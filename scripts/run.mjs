// Entry point of every npm script (`npm start`, `npm test`, …). Sets up what is missing, then runs
// the command under Node 22. Plain JavaScript with no dependencies: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepare, root, fail } from './toolchain.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const [command = 'start', ...rest] = process.argv.slice(2);
const { node, env } = prepare();
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

function exec(args, opts = {}) {
  const r = spawnSync(node, args, { cwd: root, env: { ...env, ...opts.env }, stdio: 'inherit' });
  if (r.error) fail(r.error.message);
  return r.status ?? 1;
}

function build() {
  const code = exec([join(root, 'scripts', 'build.mjs')]);
  if (code !== 0) process.exit(code);
}

function runTests() {
  ensureSystemPackages();
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const report = join(root, 'test-results', 'vitest.json');
  const code = exec([bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...rest]);
  // One plain summary line, the form CI reads (vitest's own summary is for people).
  let passed = 0;
  let failed = code === 0 ? 0 : 1;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    // A file that fails to load has no failed assertions of its own: count it once.
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    failed = r.numFailedTests + brokenFiles;
    if (code !== 0 && failed === 0) failed = 1;
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return code;
}

function runCommand() {
  switch (command) {
    case 'test':
      return runTests();
    case 'typecheck':
      return exec([bin('typescript', 'bin/tsc'), '-b', ...rest]);
    case 'lint':
      return exec([bin('eslint', 'bin/eslint.js'), '--max-warnings=0', '.', ...rest]);
    case 'build':
      build();
      return 0;
    case 'dist':
      // Package for this system (build/electron-builder.mjs) into dist/release/; extra arguments go
      // to electron-builder (`npm run dist -- --linux deb`). Needs the network: Electron's binaries.
      build();
      return exec([bin('electron-builder', 'cli.js'), '--config', join('build', 'electron-builder.mjs'), '--publish', 'never', ...rest]);
    case 'bench':
      return exec(['--disable-warning=ExperimentalWarning', join(root, 'test', 'bench', 'main.ts'), ...rest]);
    case 'google-fake':
      // The People API + OAuth fake alone, for manual runs of the app (test/support/google-fake/README.md).
      return exec(['--disable-warning=ExperimentalWarning', join(root, 'test', 'support', 'google-fake', 'main.ts'), ...rest]);
    case 'start':
      build();
      return exec([join(root, 'scripts', 'start-desktop.mjs'), ...rest]);
    default:
      return fail(`unknown command '${command}' (start, test, typecheck, lint, build, dist, bench, google-fake)`);
  }
}

process.exit(runCommand());
