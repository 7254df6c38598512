#!/usr/bin/env node
// The `concord` command: makes sure Node 22 and the npm packages are there (scripts/toolchain.mjs),
// then runs the TypeScript CLI directly (Node 22 strips types; no build step for the headless host).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { prepare, root } from '../scripts/toolchain.mjs';

const { node, env } = prepare();
const r = spawnSync(node, ['--disable-warning=ExperimentalWarning', join(root, 'electron', 'headless', 'cli.ts'), ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
