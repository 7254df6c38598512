// electron-builder configuration (https://www.electron.build/configuration): `npm run dist` builds
// the app (scripts/build.mjs) and packages it for the current system into dist/release/.
// test/unit/build/packaging.test.ts validates this file with electron-builder's own schema and
// checks that every file it names exists (icons in every size, entitlements).
// Icons are rendered from build/icon.svg by scripts/make-icons.mjs.
export default {
  appId: 'app.concord.desktop',
  productName: 'Concord',
  copyright: 'Copyright © 2026 the Concord authors',
  directories: { output: 'dist/release', buildResources: 'build' },
  // The Vite bundles only; the production dependencies in node_modules are added by electron-builder.
  files: ['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'package.json', '!dist/**/*.map'],
  // Tray icons are read from disk at run time (electron/main/index.ts: resources/tray/).
  extraResources: [{ from: 'build/tray', to: 'tray', filter: ['*.png'] }],
  asar: true,
  // Native code cannot be loaded from inside an asar archive: better-sqlite3's addon is unpacked
  // (Electron redirects the require to app.asar.unpacked).
  asarUnpack: ['node_modules/better-sqlite3/**/*.node'],
  // better-sqlite3 ships N-API prebuilds that Electron loads as they are (scripts/start-desktop.mjs
  // checks the same); a rebuild from source would need a compiler and Electron's headers.
  npmRebuild: false,
  publish: null,
  artifactName: '${productName}-${version}-${arch}.${ext}',

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Office',
    // Not `concord`: that is the command-line tool's name (package.json "bin").
    executableName: 'concord-desktop',
    synopsis: 'Two-way contact sync for Google, iCloud and CardDAV',
    maintainer: 'Concord authors <concord@users.noreply.github.com>',
    desktop: { entry: { Name: 'Concord', Categories: 'Office;ContactManagement;', StartupWMClass: 'Concord' } },
  },
  deb: {
    // safeStorage needs a keyring on Linux (libsecret); without one Concord refuses to store passwords.
    recommends: ['libsecret-1-0', 'gnome-keyring'],
  },

  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.productivity',
    // Notarisation requires the hardened runtime; Electron then needs the JIT entitlements below.
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // A window app with a menu-bar icon, so no LSUIElement: Concord keeps its Dock icon.
  },
  dmg: { title: '${productName} ${version}' },

  win: {
    target: ['nsis'],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    shortcutName: 'Concord',
  },
};
