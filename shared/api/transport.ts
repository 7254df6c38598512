// What every transport carries: a request/response pair in an envelope, and pushed events.
// Electron IPC, the loopback WebSocket and the in-process transport all implement `Transport`;
// the UI is written against `ConcordClient` (client.ts) and never knows which one it has.
import type { ErrorInfo } from './errors.ts';
import type { AnyEventMessage } from './events.ts';

export type Envelope<R = unknown> = { ok: true; result: R } | { ok: false; error: ErrorInfo };

export interface Transport {
  /** Never rejects for engine errors: they come back as `{ ok: false }`. Rejects only if the transport itself fails. */
  request(method: string, params: unknown): Promise<Envelope>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (message: AnyEventMessage) => void): () => void;
}

/** The object the Electron preload exposes as `window.concord` (checked with `satisfies`). */
export type PreloadBridge = Transport;
