// The loopback redirect of the desktop sign-in: a one-shot HTTP listener on 127.0.0.1 at a port the
// OS picks, which receives Google's redirect with the authorization code
// (google-people-api.md §9.1, RFC 8252 §7.3, §12 item 26).
// Invariants: bound to 127.0.0.1 only (never 0.0.0.0; not `localhost`, which can resolve to ::1 or
// hit firewall prompts, §9.1); it accepts exactly one callback — the first request to the redirect
// path that carries `code` or `error` — and answers anything else 404; it is closed after that
// callback, on timeout and on abort, with every open connection destroyed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>` — the redirect_uri for the auth URL and the token exchange. */
  redirectUri: string;
  /** The redirect's URL (query: code/state/scope or error). Rejects on timeout or abort. */
  callback: Promise<URL>;
  close(): Promise<void>;
}

const page = (title: string, text: string): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family: system-ui, sans-serif; margin: 3rem"><h1>${title}</h1><p>${text}</p></body></html>`;

export async function startLoopback(options: { timeoutMs: number; signal?: AbortSignal }): Promise<LoopbackListener> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;

  const callback = new Promise<URL>((resolve, reject) => {
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', redirectUri);
      const isCallback = req.method === 'GET' && url.pathname === '/' && (url.searchParams.has('code') || url.searchParams.has('error'));
      if (!isCallback) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const ok = url.searchParams.has('code');
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(ok ? page('Signed in', 'Concord is connected to your Google account. You can close this tab.') : page('Not signed in', 'Google sign-in did not complete. You can close this tab and try again in Concord.'));
      resolve(url);
    });
    timer = setTimeout(() => reject(new Error('timeout')), options.timeoutMs);
    onAbort = () => reject(options.signal?.reason ?? new Error('aborted'));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  // Whatever happens to the callback, the listener goes away with it.
  const close = async (): Promise<void> => {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { redirectUri, callback, close };
}
