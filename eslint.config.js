// Lint rules, and the import boundaries of DESIGN.md §1 enforced by tools rather than memory:
// - the engine never imports electron or electron-store (it must run in plain Node: CLI, tests);
// - only engine/db imports better-sqlite3; only providers/google the Google clients; only
//   providers/carddav tsdav; only main/preload electron; only renderer React;
// - shared/ and renderer/ import no Node built-ins;
// - areas import each other only downwards (import-x/no-restricted-paths zones).
// test/unit/lint/boundaries.test.ts proves forbidden imports are rejected.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Packages, and the only places allowed to import them. */
const packageHomes = {
  electron: ['electron/main/**', 'electron/preload/**', 'test/**'],
  'electron-store': ['electron/main/**'],
  'better-sqlite3': ['electron/engine/db/**', 'test/**'],
  googleapis: ['electron/engine/providers/google/**', 'test/**'],
  '@googleapis/people': ['electron/engine/providers/google/**', 'test/**'],
  'google-auth-library': ['electron/engine/providers/google/**', 'test/**'],
  tsdav: ['electron/engine/providers/carddav/**', 'test/**'],
  papaparse: ['electron/engine/transfer/**', 'test/**'],
  chardet: ['electron/engine/transfer/**', 'test/**'],
  react: ['renderer/**', 'test/**'],
  'react-dom': ['renderer/**', 'test/**'],
};

const areas = {
  shared: 'shared/**',
  engine: 'electron/engine/**',
  main: 'electron/main/**',
  preload: 'electron/preload/**',
  headless: 'electron/headless/**',
  renderer: 'renderer/**',
  test: 'test/**',
  scripts: 'scripts/**',
};

const prefix = (glob) => glob.replace(/\/\*\*$/, '');
/** A package is allowed in an area when one of its homes contains the area. */
const allowedIn = (homes, area) => homes.some((home) => prefix(area).startsWith(prefix(home)));

/** no-restricted-imports options for one area: every package not at home there, plus Node built-ins where banned. */
function bansFor(area, { noNodeBuiltins = false } = {}) {
  const banned = Object.entries(packageHomes).filter(([, homes]) => !allowedIn(homes, area));
  const paths = banned.map(([name, homes]) => ({ name, message: `${name} may only be imported in ${homes.join(', ')} (DESIGN.md §1).` }));
  const patterns = banned.map(([name, homes]) => ({ group: [`${name}/*`], message: `${name} may only be imported in ${homes.join(', ')}.` }));
  if (noNodeBuiltins) {
    paths.push(...nodeBuiltins.map((name) => ({ name, message: 'shared/ and renderer/ run in the browser too: no Node built-ins.' })));
  }
  return ['error', { paths, patterns }];
}

/** Folder zones: which areas each area must not import from. */
const zones = [
  { target: './shared', from: ['./electron', './renderer', './test', './scripts'], message: 'shared/ depends on nothing but itself.' },
  { target: './renderer', from: ['./electron', './test', './scripts'], message: 'The renderer talks to the engine only through the contract.' },
  {
    target: './electron/engine',
    from: ['./electron/main', './electron/preload', './electron/headless', './renderer', './test', './scripts'],
    message: 'The engine does not know its host.',
  },
  { target: './electron/preload', from: ['./electron/engine', './electron/main', './electron/headless', './renderer'], message: 'The preload sees only shared/.' },
  { target: './electron/main', from: ['./electron/headless', './renderer', './test'], message: 'Hosts do not import each other.' },
  { target: './electron/headless', from: ['./electron/main', './electron/preload', './renderer', './test'], message: 'Hosts do not import each other.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tsbuild/', '.tools/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': bansFor(areas.shared, { noNodeBuiltins: true }) } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': bansFor(areas.renderer, { noNodeBuiltins: true }) },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/db/**', 'electron/engine/providers/**', 'electron/engine/transfer/**'],
    rules: { 'no-restricted-imports': bansFor(areas.engine) },
  },
  { files: ['electron/engine/transfer/**/*.ts'], rules: { 'no-restricted-imports': bansFor('electron/engine/transfer/**') } },
  { files: ['electron/engine/db/**/*.ts'], rules: { 'no-restricted-imports': bansFor('electron/engine/db/**') } },
  {
    files: ['electron/engine/providers/**/*.ts'],
    ignores: ['electron/engine/providers/google/**', 'electron/engine/providers/carddav/**'],
    rules: { 'no-restricted-imports': bansFor('electron/engine/providers/**') },
  },
  { files: ['electron/engine/providers/google/**/*.ts'], rules: { 'no-restricted-imports': bansFor('electron/engine/providers/google/**') } },
  { files: ['electron/engine/providers/carddav/**/*.ts'], rules: { 'no-restricted-imports': bansFor('electron/engine/providers/carddav/**') } },
  { files: ['electron/main/**/*.ts'], rules: { 'no-restricted-imports': bansFor(areas.main) } },
  { files: ['electron/preload/**/*.ts'], rules: { 'no-restricted-imports': bansFor(areas.preload) } },
  { files: ['electron/headless/**/*.ts'], rules: { 'no-restricted-imports': bansFor(areas.headless) } },
  { files: ['test/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': bansFor(areas.test) } },
);
