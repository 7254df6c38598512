// A counting HTTP proxy on loopback, put in front of each CardDAV server in the peer benchmark so
// that Concord and vdirsyncer are counted the same way: requests (by kind), body bytes each way, and
// the server's own time per request (request body sent → response headers back, i.e. time to first
// byte from upstream; Radicale and Xandikos build the whole answer before the headers go out).
// Invariants: bytes pass through unchanged (no decompression, no header rewriting: the Host header
// stays the proxy's, so absolute URLs the servers build point back through the proxy); counters only
// grow, callers take deltas with snapshot(); the proxy listens on 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_HOST } from '../../support/free-port.ts';

export interface Traffic {
  requests: number;
  bytesUp: number;
  bytesDown: number;
  /** Sum of upstream time to first byte over all requests. */
  serverMs: number;
  /** The same, for PUT and DELETE only: the server's write time. */
  writeMs: number;
  /**
   * Requests sent upstream while another one was still in flight. A server that serialises writes
   * (Radicale's storage lock) then counts the wait in the later request's server time.
   */
  overlapping: number;
  /** Requests by kind: PUT, DELETE, GET, PROPFIND0/1, REPORT:sync-collection, REPORT:addressbook-multiget… */
  kinds: Record<string, number>;
}

export interface CountingProxy {
  /** `http://127.0.0.1:PORT/`, the upstream's paths below it. */
  readonly url: string;
  snapshot(): Traffic;
  close(): Promise<void>;
}

export function emptyTraffic(): Traffic {
  return { requests: 0, bytesUp: 0, bytesDown: 0, serverMs: 0, writeMs: 0, overlapping: 0, kinds: {} };
}

/** after − before, field by field. */
export function trafficDelta(after: Traffic, before: Traffic): Traffic {
  const kinds: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.kinds)) if (v - (before.kinds[k] ?? 0) > 0) kinds[k] = v - (before.kinds[k] ?? 0);
  return {
    requests: after.requests - before.requests,
    bytesUp: after.bytesUp - before.bytesUp,
    bytesDown: after.bytesDown - before.bytesDown,
    serverMs: after.serverMs - before.serverMs,
    writeMs: after.writeMs - before.writeMs,
    overlapping: after.overlapping - before.overlapping,
    kinds,
  };
}

export function addTraffic(a: Traffic, b: Traffic): Traffic {
  const kinds = { ...a.kinds };
  for (const [k, v] of Object.entries(b.kinds)) kinds[k] = (kinds[k] ?? 0) + v;
  return { requests: a.requests + b.requests, bytesUp: a.bytesUp + b.bytesUp, bytesDown: a.bytesDown + b.bytesDown, serverMs: a.serverMs + b.serverMs, writeMs: a.writeMs + b.writeMs, overlapping: a.overlapping + b.overlapping, kinds };
}

/** REPORT bodies name their report (RFC 6578 sync-collection, RFC 6352 addressbook-multiget/query) near the start. */
function kindOf(method: string, depth: string | undefined, head: string): string {
  if (method === 'PROPFIND') return `PROPFIND${depth ?? ''}`;
  if (method !== 'REPORT') return method;
  const report = /<(?:[\w-]+:)?(sync-collection|addressbook-multiget|addressbook-query)\b/.exec(head);
  return `REPORT:${report?.[1] ?? 'other'}`;
}

export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const total = emptyTraffic();
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const depth = req.headers['depth'];
      const kind = kindOf(method, Array.isArray(depth) ? depth[0] : depth, body.subarray(0, 512).toString('utf8'));
      total.requests++;
      total.kinds[kind] = (total.kinds[kind] ?? 0) + 1;
      total.bytesUp += body.length;
      const started = performance.now();
      if (inFlight > 0) total.overlapping++;
      inFlight++;
      let settled = false;
      const settle = () => {
        if (!settled) inFlight--;
        settled = true;
      };
      res.on('close', settle);
      const out = http.request(
        { host: target.hostname, port: target.port, method, path: req.url, headers: req.headers, agent },
        (up) => {
          const ms = performance.now() - started;
          total.serverMs += ms;
          if (method === 'PUT' || method === 'DELETE') total.writeMs += ms;
          res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
          up.on('data', (c: Buffer) => {
            total.bytesDown += c.length;
            res.write(c);
          });
          up.on('end', () => res.end());
          up.on('error', () => res.destroy());
        },
      );
      out.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`proxy: ${error.message}`);
      });
      out.end(body);
    });
  });
  // Both tools keep connections alive; idle sockets must not hold close() up.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK_HOST}:${port}/`,
    snapshot: () => ({ ...total, kinds: { ...total.kinds } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
