// Loopback TCP port helpers for tests that start real server processes (Radicale, Xandikos, ...).
// Invariant: everything here binds or connects to 127.0.0.1 only, never a public interface, and
// never leaves a socket open behind it: the probe listener is closed before the port is returned.
//
// A port obtained this way is only *probably* free: another process may grab it between our close()
// and the server's bind(). Callers that start servers must therefore detect EADDRINUSE and retry.

import net from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

/** Asks the kernel for an unused ephemeral port on 127.0.0.1 by listening on port 0, then releases it. */
export function getFreePort(host: string = LOOPBACK_HOST): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    // unref: a probe that somehow stays open must never keep the test process alive.
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`getFreePort: unexpected listener address ${String(address)}`));
        return;
      }
      const { port } = address;
      // Resolve only after close() has completed, so the port is really released when we hand it out.
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

/**
 * True if something accepts TCP connections on host:port right now, false if the connection is refused
 * (or does not complete within timeoutMs). Used to prove that a stopped server really released its port.
 */
export function isPortAccepting(
  port: number,
  host: string = LOOPBACK_HOST,
  timeoutMs = 1_000,
): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host });
    const finish = (accepting: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => {}); // a late RST after destroy() must not become an unhandled error
      socket.destroy();
      resolve(accepting);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
