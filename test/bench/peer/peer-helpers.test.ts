// The peer benchmark's measuring instruments, checked on their own so its figures can be trusted:
// the card comparison (equal across serialisations, unequal on any compared field), the counting
// proxy (requests, kinds, bytes and server time as they pass), and the child runner (peak RSS,
// time limit).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBooks, normalise } from './compare.ts';
import type { CountingProxy } from './proxy.ts';
import { startCountingProxy, trafficDelta } from './proxy.ts';
import { runChild } from './run-child.ts';

const card = (uid: string, lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, ...lines, 'END:VCARD', ''].join('\r\n');

describe('compareBooks', () => {
  const ours = card('u1', ['FN:Zhang Wei', 'EMAIL;type=INTERNET;type=HOME:Wei@Example.org', 'TEL;type=CELL:+86 138 0000 1111', 'NOTE:line one\\nline two\\, more']);
  // Radicale-style rewrite: other order, merged TYPE, group prefix, folded NOTE.
  const rewritten = card('u1', ['item1.TEL;TYPE=CELL,VOICE:+8613800001111', 'EMAIL;TYPE=HOME,INTERNET:wei@example.org', 'NOTE:line one\\nline ', ' two\\, more', 'FN:Zhang Wei', 'PRODID:-//Radicale//']);

  it('treats equivalent serialisations as the same card', () => {
    expect(normalise(ours)).toEqual(normalise(rewritten));
    expect(compareBooks([ours], [rewritten])).toMatchObject({ identical: true, missing: 0, extra: 0, differing: 0 });
  });

  it('reports a changed field, a missing card, an extra card and a renamed UID', () => {
    const otherPhone = card('u1', ['FN:Zhang Wei', 'EMAIL:wei@example.org', 'TEL:+86 138 0000 2222', 'NOTE:line one\\nline two\\, more']);
    expect(compareBooks([ours], [otherPhone])).toMatchObject({ identical: false, differing: 1 });
    expect(compareBooks([ours, card('u2', ['FN:B'])], [ours])).toMatchObject({ identical: false, missing: 1 });
    expect(compareBooks([ours], [ours, card('u3', ['FN:C'])])).toMatchObject({ identical: false, extra: 1 });
    const renamed = compareBooks([ours], [ours.replace('UID:u1', 'UID:other')]);
    expect(renamed).toMatchObject({ identical: false, missing: 1, extra: 1, sameContentIgnoringUid: true });
  });
});

describe('counting proxy', () => {
  let upstream: http.Server;
  let proxy: CountingProxy;
  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('x'.repeat(1000)), 30));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    proxy = await startCountingProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('counts requests by kind, body bytes both ways and upstream time', async () => {
    const before = proxy.snapshot();
    const put = await fetch(new URL('/book/a.vcf', proxy.url), { method: 'PUT', body: 'y'.repeat(200) });
    expect(await put.text()).toHaveLength(1000);
    const report = await fetch(new URL('/book/', proxy.url), { method: 'REPORT', headers: { Depth: '1' }, body: '<?xml version="1.0"?><C:addressbook-multiget xmlns:C="urn:ietf:params:xml:ns:carddav"/>' });
    await report.text();
    const d = trafficDelta(proxy.snapshot(), before);
    expect(d.requests).toBe(2);
    expect(d.kinds).toEqual({ PUT: 1, 'REPORT:addressbook-multiget': 1 });
    expect(d.bytesDown).toBe(2000);
    expect(d.bytesUp).toBeGreaterThan(200);
    expect(d.serverMs).toBeGreaterThanOrEqual(55);
    expect(d.writeMs).toBeGreaterThanOrEqual(25);
    expect(d.writeMs).toBeLessThan(d.serverMs);
  });
});

describe('runChild', () => {
  it('reports the peak RSS of the child and stops it at the time limit', async () => {
    // 64 MiB held by the child must show in its peak RSS.
    const big = await runChild('python3', ['-c', 'x = bytearray(64 * 1024 * 1024); print(len(x))'], { limitMs: 20_000 });
    expect(big).toMatchObject({ code: 0, timedOut: false });
    expect(big.stdout.trim()).toBe(String(64 * 1024 * 1024));
    expect(big.peakRssMiB).toBeGreaterThan(64);
    const slow = await runChild('python3', ['-c', 'import time; time.sleep(30)'], { limitMs: 500 });
    expect(slow.timedOut).toBe(true);
    expect(slow.wallMs).toBeLessThan(10_000);
  }, 30_000);
});
