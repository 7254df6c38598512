// `concord serve`'s guards and wire protocol, against a real HTTP server and a real WebSocket
// client: the token, the Origin and Host checks, static files without path traversal, and calls
// and events crossing as {id, envelope} and {event, payload}.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../electron/headless/serve.ts';
import type { RunningServer } from '../../../electron/headless/serve.ts';
import { startTestEngine } from '../../support/engine.ts';
import type { TestEngine } from '../../support/engine.ts';

let t: TestEngine;
let server: RunningServer;
let staticDir: string;

beforeAll(async () => {
  t = startTestEngine();
  staticDir = mkdtempSync(join(tmpdir(), 'concord-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Concord</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'concord-secret-outside.txt'), 'outside');
  server = await startServer({ engine: t.engine, staticDir });
});
afterAll(async () => {
  await server.close();
  t.close();
  rmSync(staticDir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    // Raw path: no client-side normalisation of "..".
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(options: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/api?token=${options.token ?? server.token}`, {
    headers: { Origin: options.origin ?? server.origin },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Buffers every message as it arrives (several can arrive in one tick), handing them out in order. */
function inbox(ws: WebSocket): () => Promise<unknown> {
  const queue: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  ws.on('message', (data) => {
    const m: unknown = JSON.parse(data.toString());
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  return () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve)));
}

describe('concord serve', () => {
  it('listens on loopback and gives a URL carrying the token in its fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('serves the UI with security headers', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Concord</title>');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the UI folder', async () => {
    for (const path of ['/../concord-secret-outside.txt', '/..%2fconcord-secret-outside.txt', '/assets/..%2f..%2fconcord-secret-outside.txt']) {
      const r = await get(path);
      expect([403, 404]).toContain(r.status);
      expect(r.body).not.toContain('outside');
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'attacker.example' })).status).toBe(421);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect({ token: '' })).rejects.toThrow(/403/);
    await expect(connect({ token: 'x'.repeat(32) })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });

  it('carries calls and events over the socket', async () => {
    const ws = await connect();
    const nextMessage = inbox(ws);
    ws.send(JSON.stringify({ id: 7, method: 'app.info', params: {} }));
    expect(await nextMessage()).toEqual({ id: 7, envelope: { ok: true, result: expect.objectContaining({ host: 'test' }) } });

    ws.send(JSON.stringify({ id: 8, method: 'accounts.add', params: { kind: 'memory', name: 'Scratch' } }));
    const [first, second] = [await nextMessage(), await nextMessage()];
    const messages = [first, second] as { event?: string; id?: number }[];
    expect(messages.find((m) => m.event === 'accounts.changed')).toBeTruthy();
    expect(messages.find((m) => m.id === 8)).toMatchObject({ envelope: { ok: true, result: { name: 'Scratch' } } });

    ws.send(JSON.stringify({ id: 9, method: 'nope' }));
    expect(await nextMessage()).toMatchObject({ id: 9, envelope: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    ws.close();
  });

  it('closes a socket that sends something other than a request', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });
});
