// Smoke test for the real CardDAV test servers started by test/support/carddav-servers.ts.
// It pins the server behaviour the sync engine's integration tests rely on: extended MKCOL creates an
// address book, conditional PUT (If-None-Match / If-Match) is enforced with 412, non-ASCII vCards
// round-trip as UTF-8 with an ETag, and stop() really releases the port and the temp directory.
// Observed differences between the servers are asserted explicitly, with the observation cited.

import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { isPortAccepting } from '../support/free-port.ts';

const CARDDAV_NS = 'urn:ietf:params:xml:ns:carddav';

const servers: ReadonlyArray<{ kind: CardDavServer['kind']; start: () => Promise<CardDavServer> }> = [
  { kind: 'radicale', start: startRadicale },
  { kind: 'xandikos', start: startXandikos },
];

describe.each(servers)('$kind test server', ({ kind, start }) => {
  // Undefined until beforeAll succeeds; `srv()` keeps the tests free of non-null assertions.
  let server: CardDavServer | undefined;
  const srv = (): CardDavServer => {
    if (!server) throw new Error(`${kind} server was not started`);
    return server;
  };

  beforeAll(async () => {
    server = await start();
  });

  afterAll(async () => {
    // Idempotent: normally the last test has already stopped it; this covers earlier failures.
    await server?.stop();
  });

  const dav = (url: string, init: RequestInit = {}): Promise<Response> => {
    const { username, password } = srv();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`);
    return fetch(url, { ...init, headers });
  };

  const putCard = (href: string, card: string, condition: Record<string, string>): Promise<Response> =>
    dav(href, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/vcard; charset=utf-8', ...condition },
      body: card,
    });

  it('creates an address book with extended MKCOL', async () => {
    const bookUrl = await srv().createAddressBook(`smoke-${randomUUID()}`, { displayName: 'Smoke 通讯录' });
    const { url, addressBookHomePath } = srv();
    expect(bookUrl.startsWith(new URL(addressBookHomePath, url).href)).toBe(true);
    expect(bookUrl.endsWith('/')).toBe(true);

    const response = await dav(bookUrl, {
      method: 'PROPFIND',
      headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
      body:
        '<?xml version="1.0" encoding="utf-8"?>' +
        '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>',
    });
    expect(response.status).toBe(207);
    const xml = await response.text();
    const types = resourceTypes(xml);
    expect(types).toContain(`{DAV:}collection`);
    expect(types).toContain(`{${CARDDAV_NS}}addressbook`);
    expect(xml).toContain('Smoke 通讯录');
  });

  it('stores a non-ASCII vCard 3.0 created with If-None-Match: * and serves it back with an ETag', async () => {
    const bookUrl = await srv().createAddressBook(`put-${randomUUID()}`);
    const uid = randomUUID();
    const href = `${bookUrl}${uid}.vcf`;

    const put = await putCard(href, vcard(uid), { 'If-None-Match': '*' });
    expect([201, 204]).toContain(put.status);
    // Observed: both servers answer 201 with a strong ETag — Radicale's is the quoted SHA-256 of the card it
    // re-serialised ("<64 hex>"), Xandikos's is the quoted git blob id ("<40 hex>") of the verbatim body.
    const putEtag = put.headers.get('ETag');
    expect(putEtag).toMatch(kind === 'radicale' ? /^"[0-9a-f]{64}"$/ : /^"[0-9a-f]{40}"$/);

    const get = await dav(href);
    expect(get.status).toBe(200);
    const body = await get.text(); // fetch decodes UTF-8 (Xandikos sends plain `text/vcard` without charset)
    expect(body).toContain(`UID:${uid}`);
    expect(body).toContain('FN:张伟');
    expect(body).toContain('N:张;伟;;;');
    const getEtag = get.headers.get('ETag');
    expect(getEtag).toBeTruthy();
    // Observed for both: the PUT ETag is the ETag of what GET returns (for Radicale: of the rewritten copy).
    expect(getEtag).toBe(putEtag);
  });

  it('rejects a second create and a stale If-Match with 412, leaving the card unchanged', async () => {
    const bookUrl = await srv().createAddressBook(`cond-${randomUUID()}`);
    const uid = randomUUID();
    const href = `${bookUrl}${uid}.vcf`;
    const created = await putCard(href, vcard(uid), { 'If-None-Match': '*' });
    expect(created.status).toBe(201);
    const etag = created.headers.get('ETag');

    const again = await putCard(href, vcard(uid, '李娜', '李;娜;;;'), { 'If-None-Match': '*' });
    expect(again.status).toBe(412);

    const stale = await putCard(href, vcard(uid, '李娜', '李;娜;;;'), { 'If-Match': '"not-the-current-etag"' });
    expect(stale.status).toBe(412);

    const get = await dav(href);
    expect(get.status).toBe(200);
    expect(get.headers.get('ETag')).toBe(etag);
    expect(await get.text()).toContain('FN:张伟');
  });

  it('stop() kills the server, frees its port and removes its temp directory', async () => {
    const running = srv();
    expect(await isPortAccepting(running.port)).toBe(true);
    await running.stop();
    expect(await isPortAccepting(running.port)).toBe(false);
    await expect(access(running.dataDir)).rejects.toThrow();
    await running.stop(); // a second stop() is a no-op
  });
});

function vcard(uid: string, fn = '张伟', n = '张;伟;;;'): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `FN:${fn}`, `N:${n}`, 'END:VCARD', ''].join('\r\n');
}

/**
 * Clark names (`{namespace}local`) of the children of the first DAV:resourcetype in a multistatus body.
 * A deliberately small namespace-aware scan, enough for the two servers' output (Radicale uses a default
 * DAV: namespace plus `CR:` for CardDAV, Xandikos uses `ns0:`/`ns1:`); prefixes are resolved against all
 * xmlns declarations in the document, which both servers put on the root element.
 */
function resourceTypes(xml: string): string[] {
  const namespaces = new Map<string, string>();
  for (const match of xml.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)) {
    const prefix = match[1] ?? '';
    if (!namespaces.has(prefix)) namespaces.set(prefix, match[2] ?? '');
  }
  const block = /<(?:[\w.-]+:)?resourcetype\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?resourcetype>/.exec(xml);
  if (!block?.[1]) return [];
  const names: string[] = [];
  for (const match of block[1].matchAll(/<(?:([\w.-]+):)?([\w.-]+)([^>]*)>/g)) {
    const ownDefault = /xmlns\s*=\s*["']([^"']*)["']/.exec(match[3] ?? '')?.[1];
    const ns = match[1] === undefined ? (ownDefault ?? namespaces.get('') ?? '') : (namespaces.get(match[1]) ?? '');
    names.push(`{${ns}}${match[2] ?? ''}`);
  }
  return names;
}
