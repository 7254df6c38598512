// `concord serve`: the renderer's built files and the engine's contract over a WebSocket, on
// loopback only (DESIGN.md §2). Guards, because any web page the user visits can reach loopback:
// - a per-launch secret token in the URL fragment (never sent to other sites) is required to open
//   the socket, compared in constant time;
// - the WebSocket's Origin must be this server's own origin (blocks cross-site WebSocket hijacking);
// - the Host header must be 127.0.0.1 or localhost with our port (blocks DNS rebinding).
// Wire format: client → {id, method, params}; server → {id, envelope} and {event, payload}.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Envelope } from '../../shared/api/transport.ts';
import type { Engine } from '../engine/index.ts';

export interface ServeOptions {
  engine: Pick<Engine, 'dispatch' | 'subscribe'>;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  host?: '127.0.0.1' | 'localhost';
  port?: number;
}

export interface RunningServer {
  /** Open this: it carries the token in its fragment. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const MAX_MESSAGE_BYTES = 1 << 20;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  );
}

function parseRequest(data: unknown): { id: number; method: string; params: unknown } | null {
  if (data === null || typeof data !== 'object') return null;
  const { id, method, params } = data as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof method !== 'string') return null;
  return { id, method, params: params ?? {} };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  const root = normalize(options.staticDir + sep);
  let allowedHosts = new Set<string>();

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  const http = createServer((req, res) => {
    securityHeaders(res);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveFile(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin ?? '';
    const ok =
      url.pathname === '/api' &&
      allowedHosts.has(req.headers.host ?? '') &&
      [...allowedHosts].some((h) => origin === `http://${h}`) &&
      sameSecret(url.searchParams.get('token') ?? '', token);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (raw) => {
        let request: ReturnType<typeof parseRequest>;
        try {
          request = parseRequest(JSON.parse(raw.toString()));
        } catch {
          request = null;
        }
        if (!request) {
          ws.close(1003, 'Expected {id, method, params}');
          return;
        }
        const { id, method, params } = request;
        void options.engine.dispatch(method, params).then((envelope: Envelope) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, envelope }));
        });
      });
    });
  });

  const unsubscribe = options.engine.subscribe((message) => {
    const data = JSON.stringify(message);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(data);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
