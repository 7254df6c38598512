// How the renderer reaches the engine. Inside Electron the preload bridge (`window.concord`) is
// the transport; in a browser we open a WebSocket to the page's own origin (`concord serve`),
// authenticated with the token that arrived in the URL fragment. Wire format, shared with
// electron/headless/serve.ts: client → {id, method, params}; server → {id, envelope} and
// {event, payload}. The socket reconnects with backoff; calls made while it is down fail fast with
// UNAVAILABLE rather than hanging the UI.
import type { AnyEventMessage } from '../../shared/api/events.ts';
import type { Envelope, Transport } from '../../shared/api/transport.ts';

export type ConnectionState = 'connecting' | 'open' | 'offline';

/** A Transport that can also say whether it is connected (the bridge always is). */
export interface ConnectedTransport extends Transport {
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** How many times the connection came back after being lost (events sent meanwhile are gone). */
  reconnects(): number;
}

const TOKEN_KEY = 'concord.token';
const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export function connectTransport(): ConnectedTransport {
  const bridge = window.concord;
  if (bridge) {
    return {
      request: (method, params) => bridge.request(method, params),
      subscribe: (listener) => bridge.subscribe(listener),
      state: () => 'open',
      onState: () => () => {},
      reconnects: () => 0,
    };
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = takeToken();
  return webSocketTransport(`${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`);
}

/**
 * Reads `#token=…` once, keeps it for this tab (sessionStorage survives reloads, not new tabs) and
 * removes it from the address bar so it is not copied, bookmarked or shown on screen.
 */
export function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token then lasts as long as this page.
    }
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelay(failures: number): number {
  return Math.min(MIN_DELAY_MS * 2 ** Math.max(0, failures - 1), MAX_DELAY_MS);
}

const unavailable = (message: string): Envelope => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

interface Outgoing {
  frame: string;
  resolve: (envelope: Envelope) => void;
}

export function webSocketTransport(url: string): ConnectedTransport {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let failures = 0;
  let opens = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  /** Sent, waiting for the answer with the same id. */
  const pending = new Map<number, (envelope: Envelope) => void>();
  /** Made while the socket was still connecting; sent on open. */
  let queue: { id: number; out: Outgoing }[] = [];
  const listeners = new Set<(message: AnyEventMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function failAll(message: string): void {
    const waiting = [...pending.values(), ...queue.map((q) => q.out.resolve)];
    pending.clear();
    queue = [];
    for (const resolve of waiting) resolve(unavailable(message));
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message === null || typeof message !== 'object') return;
    const m = message as Record<string, unknown>;
    if (typeof m.id === 'number' && m.envelope !== null && typeof m.envelope === 'object') {
      const resolve = pending.get(m.id);
      pending.delete(m.id);
      resolve?.(m.envelope as Envelope);
    } else if (typeof m.event === 'string') {
      for (const listener of listeners) listener(m as unknown as AnyEventMessage);
    }
  }

  function connect(): void {
    retryTimer = null;
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      opens += 1;
      setState('open');
      const waiting = queue;
      queue = [];
      for (const { id, out } of waiting) {
        pending.set(id, out.resolve);
        ws.send(out.frame);
      }
    };
    ws.onmessage = (event) => onMessage(event.data);
    // 'error' is always followed by 'close'; everything is handled there.
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll('The connection to the Concord engine was lost.');
      failures += 1;
      setState('offline');
      retryTimer = setTimeout(connect, backoffDelay(failures));
    };
  }

  // Coming back online or to the tab is a good moment to try at once instead of waiting out the backoff.
  const retryNow = (): void => {
    if (state !== 'offline' || retryTimer === null) return;
    clearTimeout(retryTimer);
    connect();
  };
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retryNow();
  });

  connect();

  return {
    request(method, params) {
      return new Promise<Envelope>((resolve) => {
        const id = nextId++;
        const frame = JSON.stringify({ id, method, params: params ?? {} });
        if (state === 'open' && socket) {
          pending.set(id, resolve);
          socket.send(frame);
        } else if (state === 'connecting') {
          queue.push({ id, out: { frame, resolve } });
        } else {
          resolve(unavailable('Not connected to the Concord engine; retrying.'));
        }
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    state: () => state,
    reconnects: () => Math.max(0, opens - 1),
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
  };
}
