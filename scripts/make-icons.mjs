// Renders Concord's icons from build/icon.svg (and the tray glyph below) with Chromium through
// playwright-core, into what electron-builder and the tray need:
//   build/icons/NxN.png        16 … 1024 (Linux takes the folder; the packaging test reads it)
//   build/icon.png             1024 px
//   build/icon.ico             Windows: PNG entries 16 … 256 (Vista+ ICO may hold PNGs)
//   build/icon.icns            macOS: PNG entries icp4 … ic10 (Apple's ICNS types for PNG data)
//   build/tray/trayTemplate.png, @2x          macOS menu bar: black + alpha, tinted by the system
//   build/tray/tray-<state>.png, @2x          Windows/Linux: one coloured icon per tray state
// Run: node scripts/make-icons.mjs (needs /usr/bin/chromium, or CHROMIUM=path). The outputs are
// committed; run it again only when the artwork changes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './toolchain.mjs';

const build = join(root, 'build');
const appSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data (Apple's IconFamily.h; "ic10" is 512@2x, i.e. 1024 px).
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const trayStates = {
  idle: { ring: '#0f9f8f', badge: null },
  syncing: { ring: '#2f6fed', badge: null },
  attention: { ring: '#0f9f8f', badge: '#f59e0b' },
  paused: { ring: '#8a94a6', badge: 'pause' },
  error: { ring: '#0f9f8f', badge: '#dc2626' },
};

/** The tray glyph: the logo's arrows and person, no background, drawn for 16 px. */
function traySvg({ ring, badge }) {
  const badgeSvg =
    badge === null
      ? ''
      : badge === 'pause'
        ? '<rect x="10" y="9" width="6" height="7" rx="1" fill="#ffffff"/><rect x="11" y="10" width="1.6" height="5" fill="#4b5563"/><rect x="13.4" y="10" width="1.6" height="5" fill="#4b5563"/>'
        : `<circle cx="12.5" cy="12.5" r="3.5" fill="${badge}" stroke="#ffffff" stroke-width="1"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
  <g fill="none" stroke="${ring}" stroke-width="1.6" stroke-linecap="round">
    <path d="M 2.4 7.2 A 5.8 5.8 0 0 1 12.6 5.2"/>
    <path d="M 13.6 8.8 A 5.8 5.8 0 0 1 3.4 10.8"/>
  </g>
  <g fill="${ring}">
    <path d="M 14 2.6 L 13.8 6.4 L 10.6 4.9 Z"/>
    <path d="M 2 13.4 L 2.2 9.6 L 5.4 11.1 Z"/>
    <circle cx="8" cy="6.9" r="1.7"/>
    <path d="M 5 11 C 5 9.3 6.3 8.9 8 8.9 C 9.7 8.9 11 9.3 11 11 Z"/>
  </g>
  ${badgeSvg}
</svg>`;
}

async function renderer() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  return {
    async png(svg, size) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/<svg /, `<svg width="${size}" height="${size}" `).replace(/ width="1024" height="1024"/, '');
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    },
    close: () => browser.close(),
  };
}

/** ICO with PNG entries (ICONDIR + ICONDIRENTRY, little-endian; 0 in the size bytes means 256). */
function ico(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.png)]);
}

/** ICNS: 'icns' + total length, then per element its type, its length (header included) and the PNG (big-endian). */
function icns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main() {
  const svg = readFileSync(join(build, 'icon.svg'), 'utf8');
  const r = await renderer();
  try {
    const pngs = new Map();
    for (const size of appSizes) pngs.set(size, await r.png(svg, size));
    mkdirSync(join(build, 'icons'), { recursive: true });
    for (const [size, png] of pngs) writeFileSync(join(build, 'icons', `${size}x${size}.png`), png);
    writeFileSync(join(build, 'icon.png'), pngs.get(1024));
    writeFileSync(join(build, 'icon.ico'), ico(icoSizes.map((size) => ({ size, png: pngs.get(size) }))));
    writeFileSync(join(build, 'icon.icns'), icns(icnsTypes.map(([type, size]) => ({ type, png: pngs.get(size) }))));

    const tray = join(build, 'tray');
    mkdirSync(tray, { recursive: true });
    const template = traySvg({ ring: '#000000', badge: null });
    writeFileSync(join(tray, 'trayTemplate.png'), await r.png(template, 16));
    writeFileSync(join(tray, 'trayTemplate@2x.png'), await r.png(template, 32));
    for (const [state, look] of Object.entries(trayStates)) {
      writeFileSync(join(tray, `tray-${state}.png`), await r.png(traySvg(look), 16));
      writeFileSync(join(tray, `tray-${state}@2x.png`), await r.png(traySvg(look), 32));
    }
  } finally {
    await r.close();
  }
  process.stderr.write('concord: icons written to build/icons, build/icon.{png,ico,icns}, build/tray\n');
}

await main();
