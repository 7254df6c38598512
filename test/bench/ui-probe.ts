// In-page instrumentation for the UI benchmark, installed with page.addInitScript before the app's
// own scripts run. It timestamps (performance.now(), whose origin is the navigation start) every
// contacts.list request the renderer sends over the `concord serve` WebSocket and every answer,
// every keydown, the first contact row in the DOM, and each time the contacts screen starts showing
// the rows of another query (its `data-query` attribute). Invariant: it only observes — it never
// changes a message, an event or the DOM — so the figures are those of the shipped renderer.

export interface ProbeRequest {
  id: number;
  query: string;
  offset: number;
  sentAt: number;
  answeredAt: number | null;
}

export interface ProbeRecord {
  firstRowAt: number | null;
  keydowns: number[];
  requests: ProbeRequest[];
  /** When the screen started showing each query's rows (DOM committed) and the frame after it. */
  shown: { query: string; at: number; frameAt: number | null }[];
}

declare global {
  interface Window {
    __probe?: ProbeRecord;
  }
}

/** Runs in the page (serialised by Playwright): no imports, no closures over Node values. */
export function installProbe(): void {
  const probe: ProbeRecord = { firstRowAt: null, keydowns: [], requests: [], shown: [] };
  window.__probe = probe;
  const byId = new Map<number, ProbeRequest>();
  const watched = new WeakSet<WebSocket>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (typeof data === 'string') {
      try {
        const frame = JSON.parse(data) as { id?: number; method?: string; params?: { query?: string; offset?: number } };
        if (frame.method === 'contacts.list' && typeof frame.id === 'number') {
          const request = { id: frame.id, query: frame.params?.query ?? '', offset: frame.params?.offset ?? 0, sentAt: performance.now(), answeredAt: null };
          probe.requests.push(request);
          byId.set(frame.id, request);
        }
      } catch {
        // not a JSON frame: not ours to time
      }
    }
    if (!watched.has(this)) {
      watched.add(this);
      // Registered on the first send, after the app's own listener: fires just after the app got it.
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        const match = /^\{"id":(\d+)/.exec(event.data);
        const request = match ? byId.get(Number(match[1])) : undefined;
        if (request && request.answeredAt === null) request.answeredAt = performance.now();
      });
    }
    return send.call(this, data);
  };
  document.addEventListener('keydown', (event) => probe.keydowns.push(event.timeStamp), true);
  let lastQuery: string | null = null;
  new MutationObserver(() => {
    const now = performance.now();
    if (probe.firstRowAt === null && document.querySelector('[role=option]')) probe.firstRowAt = now;
    const screen = document.querySelector<HTMLElement>('.contacts-screen[data-query]');
    const query = screen?.dataset.query ?? null;
    if (query !== null && query !== lastQuery && screen?.dataset.total !== '') {
      lastQuery = query;
      const entry: ProbeRecord['shown'][number] = { query, at: now, frameAt: null };
      probe.shown.push(entry);
      requestAnimationFrame(() => (entry.frameAt = performance.now()));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query', 'data-total'] });
}
