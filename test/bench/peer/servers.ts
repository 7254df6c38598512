// The servers of the peer benchmark: a real Radicale or Xandikos (test/support/carddav-servers.ts)
// with one address book `book/` and a counting proxy in front; plus the set-up steps that go to the
// server directly, around the proxy, so they are never counted: loading the book into A, applying
// the change phase to A, and reading a book back to compare what the tools produced.
// Invariant: what the tools see goes through `proxy.url`; what the benchmark does itself does not.
// Plain node:http, not fetch: undici 6 (Node 22) trips an internal assertion (`!this.paused`) when
// Radicale closes the connection after a large multistatus it had paused reading.
import http from 'node:http';
import type { CardDavServer, CardDavServerKind } from '../../support/carddav-servers.ts';
import { startRadicale, startXandikos } from '../../support/carddav-servers.ts';
import { basicAuth } from '../../support/engine-accounts.ts';
import type { BookCard, BookChanges } from './book.ts';
import type { CountingProxy } from './proxy.ts';
import { startCountingProxy } from './proxy.ts';

export interface BookServer {
  server: CardDavServer;
  proxy: CountingProxy;
  /** Absolute path of the address book, e.g. `/alice/book/`. */
  bookPath: string;
  /** The address book through the proxy: what the tools are given. */
  proxiedBookUrl: string;
  stop(): Promise<void>;
}

export async function startBookServer(kind: CardDavServerKind): Promise<BookServer> {
  const server = kind === 'radicale' ? await startRadicale() : await startXandikos();
  try {
    const direct = await server.createAddressBook('book');
    const proxy = await startCountingProxy(server.url);
    const bookPath = new URL(direct).pathname;
    return {
      server,
      proxy,
      bookPath,
      proxiedBookUrl: new URL(bookPath, proxy.url).href,
      stop: async () => {
        await proxy.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function directUrl(s: BookServer, name = ''): string {
  return new URL(s.bookPath + name, s.server.url).href;
}

interface Reply {
  status: number;
  text: string;
}

function request(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expectOk(reply: Reply, what: string): void {
  if (reply.status < 200 || reply.status > 299) throw new Error(`${what}: ${reply.status} ${reply.text.slice(0, 300)}`);
}

/**
 * Loads the cards into the (empty) book. Radicale takes a whole collection in one PUT of a multi-card
 * body (its import path; each card becomes `<UID>.vcf`); other servers get one PUT per card.
 */
export async function loadBook(s: BookServer, cards: readonly BookCard[]): Promise<void> {
  const headers = { Authorization: basicAuth(s.server), 'Content-Type': 'text/vcard; charset=utf-8' };
  if (s.server.kind === 'radicale') {
    expectOk(await request('PUT', directUrl(s), headers, cards.map((c) => c.text).join('')), 'loading the book');
    return;
  }
  for (const c of cards) expectOk(await request('PUT', directUrl(s, c.name), headers, c.text), `PUT ${c.name}`);
}

/** Applies the change phase to A: edited cards are overwritten, deleted ones removed (unconditionally: only the benchmark writes A). */
export async function applyChanges(s: BookServer, changes: BookChanges): Promise<void> {
  const auth = { Authorization: basicAuth(s.server) };
  for (const c of changes.edited) {
    expectOk(await request('PUT', directUrl(s, c.name), { ...auth, 'Content-Type': 'text/vcard; charset=utf-8' }, c.text), `PUT ${c.name}`);
  }
  for (const c of changes.deleted) expectOk(await request('DELETE', directUrl(s, c.name), auth), `DELETE ${c.name}`);
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1]!;
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (xmlEntities[e] ?? m),
  );
}

/** Every `response` of a multistatus as [href, inner XML]; namespace prefixes vary by server. */
function responses(xml: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?response\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?response>/g)) {
    const href = /<(?:[\w-]+:)?href\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?href>/.exec(m[1]!)?.[1];
    if (href) out.push([decodeURIComponent(unescapeXml(href.trim())), m[1]!]);
  }
  return out;
}

/** All cards of the book, read directly (PROPFIND Depth 1, then addressbook-multiget in batches): href → vCard text. */
export async function readBook(s: BookServer): Promise<Map<string, string>> {
  const headers = { Authorization: basicAuth(s.server), 'Content-Type': 'application/xml; charset=utf-8' };
  const listing = await request('PROPFIND', directUrl(s), { ...headers, Depth: '1' }, '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>');
  if (listing.status !== 207) throw new Error(`PROPFIND on ${s.server.kind}: ${listing.status} ${listing.text.slice(0, 300)}`);
  const hrefs = responses(listing.text)
    .map(([href]) => href)
    .filter((h) => h !== s.bookPath && h.startsWith(s.bookPath));
  const cards = new Map<string, string>();
  for (let i = 0; i < hrefs.length; i += 500) {
    const body =
      '<?xml version="1.0" encoding="utf-8"?><c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">' +
      '<d:prop><d:getetag/><c:address-data/></d:prop>' +
      hrefs
        .slice(i, i + 500)
        .map((h) => `<d:href>${h.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</d:href>`)
        .join('') +
      '</c:addressbook-multiget>';
    const reply = await request('REPORT', directUrl(s), { ...headers, Depth: '1' }, body);
    const xml = reply.text;
    if (reply.status !== 207) throw new Error(`multiget on ${s.server.kind}: ${reply.status} ${xml.slice(0, 300)}`);
    for (const [href, inner] of responses(xml)) {
      const data = /<(?:[\w-]+:)?address-data\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?address-data>/.exec(inner)?.[1];
      if (data !== undefined) cards.set(href, unescapeXml(data));
    }
  }
  return cards;
}
