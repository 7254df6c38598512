// Builds the three Electron bundles with Vite: renderer (browser), main (Node ESM), preload
// (CommonJS: sandboxed preloads cannot be ES modules). Output in dist/, which package.json's
// "main" points at. The headless CLI needs no build: Node 22 runs the TypeScript directly.
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './toolchain.mjs';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Dependencies stay external: better-sqlite3 is native; the others are loaded from node_modules.
const external = [
  'electron',
  ...Object.keys(pkg.dependencies ?? {}),
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];
const externalFn = (id) => external.some((e) => id === e || id.startsWith(`${e}/`));

await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

for (const [name, format, fileName] of [
  ['main', 'es', 'index.js'],
  ['preload', 'cjs', 'index.cjs'],
]) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: join(root, 'dist', name),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: true,
      lib: { entry: join(root, 'electron', name, 'index.ts'), formats: [format], fileName: () => fileName },
      rollupOptions: { external: externalFn },
    },
  });
}
process.stderr.write('concord: built dist/renderer, dist/main, dist/preload\n');
