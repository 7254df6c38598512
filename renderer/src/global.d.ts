// The Electron preload exposes the contract transport as `window.concord`; in a plain browser
// (the headless `concord serve` UI) it is absent and the renderer speaks WebSocket instead.
import type { PreloadBridge } from '../../shared/api/transport.ts';

declare global {
  interface Window {
    concord?: PreloadBridge;
  }
}

export {};
