// The desktop host's ImagePort (electron/engine/ports.ts): photos over a provider's limit (iCloud:
// 224 KB, carddav-icloud.md §0 item 7) are scaled down and re-encoded as JPEG with Electron's
// nativeImage, which decodes JPEG/PNG/GIF/BMP/WebP without a native npm module.
// Invariant: the answer is at most maxBytes, or null; the original bytes are never changed (the hub
// keeps them, only the provider's copy is reduced).
import { nativeImage } from 'electron';
import type { ImagePort } from '../engine/ports.ts';

/** Quality first, then size: each step shrinks the longer side by a quarter (never under 64 px). */
const QUALITIES = [85, 75, 65];

export function nativeImagePort(): ImagePort {
  return {
    async reduce(bytes, _mediaType, maxBytes) {
      let image = nativeImage.createFromBuffer(Buffer.from(bytes));
      if (image.isEmpty()) return null;
      for (let round = 0; round < 12; round++) {
        for (const quality of QUALITIES) {
          const jpeg = image.toJPEG(quality);
          if (jpeg.length <= maxBytes) return { bytes: new Uint8Array(jpeg), mediaType: 'image/jpeg' };
        }
        const { width, height } = image.getSize();
        if (Math.max(width, height) <= 64) return null;
        image = image.resize({ width: Math.max(1, Math.round(width * 0.75)), height: Math.max(1, Math.round(height * 0.75)), quality: 'good' });
      }
      return null;
    },
  };
}
