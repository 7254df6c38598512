// The packaging configuration cannot be exercised here (electron-builder needs Electron's binaries
// from the network), so it is checked statically: loaded by electron-builder's own loader,
// validated against its own schema (app-builder-lib validateConfiguration), every file it names
// exists, and the icons hold the sizes each platform asks for (headers parsed, not trusted).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIcons } from '../../../electron/main/tray-state.ts';
import { icnsEntries, icoEntries, pngSize } from './icon-formats.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const configFile = 'build/electron-builder.mjs';
const require = createRequire(join(root, 'package.json'));

type Config = Record<string, unknown> & {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: { filter: string[] }[] | string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  asarUnpack: string[];
  linux: { target: string[]; icon: string; category: string; desktop: { entry: Record<string, string> } };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; extendInfo?: Record<string, unknown> };
  win: { target: string[]; icon: string };
};

interface ConfigModule {
  getConfig(projectDir: string, configPath: string): Promise<Config>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
}
const builder = require('app-builder-lib/out/util/config/config.js') as ConfigModule;
const noDebug = { isEnabled: false, add: () => undefined };

/** Every string in the configuration that names a file or folder of the project (build/…). */
function namedPaths(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (/^build\//.test(value) && !/[*?{]/.test(value)) found.push(value);
  } else if (Array.isArray(value)) for (const v of value) namedPaths(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) namedPaths(v, found);
  return found;
}

const missing = (paths: string[]) => paths.filter((p) => !existsSync(join(root, p)));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const config = await builder.getConfig(root, configFile);
const read = (p: string) => readFileSync(join(root, p));

describe('electron-builder configuration', () => {
  it('is loaded by electron-builder and passes its schema; the validator does reject a bad one', async () => {
    await expect(builder.validateConfiguration(config, noDebug)).resolves.toBeUndefined();
    await expect(builder.validateConfiguration({ ...config, linux: { ...config.linux, icn: 'x' } }, noDebug)).rejects.toThrow(/configuration.linux/);
    await expect(builder.validateConfiguration({ ...config, appIdd: 'x' }, noDebug)).rejects.toThrow(/unknown property 'appIdd'/);
    await expect(builder.validateConfiguration({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes please' } }, noDebug)).rejects.toThrow(/hardenedRuntime/);
  });

  it('packages Concord for Linux (AppImage, deb), macOS (dmg, hardened) and Windows (nsis)', () => {
    expect(config).toMatchObject({ appId: 'app.concord.desktop', productName: 'Concord', directories: { buildResources: 'build' } });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.desktop.entry.Categories).toBe('Office;ContactManagement;');
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect(config.mac.extendInfo?.LSUIElement).toBeUndefined();
    expect(config.win.target).toEqual(['nsis']);
    // The output must not land inside what `files` packs, nor in the tracked tree.
    expect(config.directories.output.startsWith('dist/')).toBe(true);
  });

  it('names only files that exist (and this check notices a missing one)', () => {
    const paths = namedPaths(config);
    expect(paths).toEqual(expect.arrayContaining(['build/icons', 'build/icon.icns', 'build/icon.ico', 'build/entitlements.mac.plist', 'build/tray']));
    expect(missing(paths)).toEqual([]);
    expect(missing(namedPaths({ ...config, win: { ...config.win, icon: 'build/icon-gone.ico' } }))).toEqual(['build/icon-gone.ico']);
  });

  it('packs the built app: package.json main, the preload and the renderer are inside `files`', () => {
    const pkg = JSON.parse(read('package.json').toString()) as { main: string; scripts: Record<string, string> };
    const patterns = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    const packed = (file: string) => patterns.some((p) => !p.startsWith('!') && matchesGlob(file, p)) && !patterns.some((p) => p.startsWith('!') && matchesGlob(file, p.slice(1)));
    for (const file of [pkg.main, 'dist/preload/index.cjs', 'dist/renderer/index.html', 'package.json']) expect(packed(file), file).toBe(true);
    expect(packed('dist/main/index.js.map')).toBe(false);
    expect(packed('electron/main/index.ts')).toBe(false);
    expect(pkg.scripts.dist).toMatch(/scripts\/run\.mjs dist/);
    expect(read('scripts/run.mjs').toString()).toMatch(/case 'dist':/);
  });

  it('unpacks better-sqlite3’s native addon from the asar archive', () => {
    const addons = walk(join(root, 'node_modules', 'better-sqlite3'))
      .map((f) => relative(root, f))
      .filter((f) => f.endsWith('.node'));
    expect(addons.length).toBeGreaterThan(0);
    for (const addon of addons) expect(config.asarUnpack.some((p) => matchesGlob(addon, p)), addon).toBe(true);
  });
});

describe('icons', () => {
  it('Linux: a PNG for every size from 16 to 1024, each as large as its name says', () => {
    const dir = join(root, config.linux.icon);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(dir, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
    expect(pngSize(read('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('Windows: an ICO whose PNG entries are the sizes its directory claims, 16 to 256', () => {
    for (const file of [config.win.icon, String((config.nsis as Record<string, unknown>).installerIcon)]) {
      const entries = icoEntries(read(file));
      for (const e of entries) expect(pngSize(e.png)).toEqual({ width: e.claimed, height: e.claimed });
      expect(entries.map((e) => e.claimed)).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    }
  });

  it('macOS: an ICNS with every PNG type Apple defines, each of its size', () => {
    const expected: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const entries = icnsEntries(read(config.mac.icon));
    expect(Object.fromEntries(entries.map((e) => [e.type, pngSize(e.png).width]))).toEqual(expected);
    for (const e of entries) expect(pngSize(e.png).height).toBe(expected[e.type]);
  });

  it('tray: a template image for macOS and a coloured icon for every tray state, each with @2x', () => {
    const from = config.extraResources.find((r) => r.to === 'tray')!.from;
    const files = ['trayTemplate', ...trayIcons.map((i) => `tray-${i}`)];
    for (const name of files) {
      expect(pngSize(read(`${from}/${name}.png`)), name).toEqual({ width: 16, height: 16 });
      expect(pngSize(read(`${from}/${name}@2x.png`)), name).toEqual({ width: 32, height: 32 });
    }
  });

  it('rejects malformed icon files instead of passing them', () => {
    expect(() => pngSize(Buffer.from('GIF89a'))).toThrow('not a PNG');
    expect(() => icnsEntries(Buffer.concat([read(config.mac.icon), Buffer.from([0])]))).toThrow(/ICNS/);
    const ico = Buffer.from(read(config.win.icon));
    ico.writeUInt32LE(ico.length, 6 + 12); // first entry's offset past the end
    expect(() => icoEntries(ico)).toThrow(/past the end/);
  });
});

describe('macOS entitlements', () => {
  it('grant what Electron needs under the hardened runtime, and only that', () => {
    const plist = read(config.mac.entitlements).toString();
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(keys).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.network.client',
      'com.apple.security.network.server',
    ]);
    expect(plist).not.toContain('<key>LSUIElement</key>');
    expect(statSync(join(root, config.mac.entitlementsInherit)).isFile()).toBe(true);
  });
});
