// Readers for the icon containers the packaging test checks: a PNG's size (IHDR), the entries of a
// Windows ICO (ICONDIR/ICONDIRENTRY, little-endian) and of a macOS ICNS (big-endian type+length
// elements). Each throws on a malformed file, naming what is wrong.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export interface IcoEntry {
  /** Size the directory claims (0 in the byte means 256). */
  claimed: number;
  png: Buffer;
}

export function icoEntries(data: Buffer): IcoEntry[] {
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = data.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    const size = data.readUInt32LE(at + 8);
    const offset = data.readUInt32LE(at + 12);
    if (offset + size > data.length) throw new Error(`ICO entry ${i} runs past the end of the file`);
    entries.push({ claimed: data.readUInt8(at) || 256, png: data.subarray(offset, offset + size) });
  }
  return entries;
}

export function icnsEntries(data: Buffer): { type: string; png: Buffer }[] {
  if (data.toString('ascii', 0, 4) !== 'icns' || data.readUInt32BE(4) !== data.length) throw new Error('not an ICNS file (or its length is wrong)');
  const entries: { type: string; png: Buffer }[] = [];
  for (let at = 8; at < data.length; ) {
    const type = data.toString('ascii', at, at + 4);
    const length = data.readUInt32BE(at + 4);
    if (length < 8 || at + length > data.length) throw new Error(`ICNS element ${type} has a bad length`);
    entries.push({ type, png: data.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}
