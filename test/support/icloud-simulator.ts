// An iCloud look-alike for CardDAV tests: a loopback HTTP proxy in front of a real Radicale that
// behaves the way iCloud is reported to (carddav-icloud.md §1.3, §4, §8; checklist "iCloud quirks to
// simulate"), since the real service cannot be reached from tests:
// - two listeners: "contacts.icloud.com" (main) serves /.well-known/carddav and the principal
//   /<dsid>/principal/, whose addressbook-home-set is an absolute URL on the "pNN-contacts.icloud.com"
//   listener (partition, on 127.0.0.2 where the OS has it, so the hand-over really crosses hosts);
//   anything under /<dsid>/carddavhome/ on main is redirected (301) to the partition host;
// - Basic auth checked on every DAV request against the Apple ID and app-specific password, decoded
//   as UTF-8 (401 otherwise) — so a test can prove the credentials reached the second host;
// - uploads are rewritten (appleRewrite: Apple PRODID/REV, X-ABUID, X-ADDRESSBOOKSERVER- line,
//   reordered properties, `type=` parameters), PUT answers carry no ETag (what iCloud's ETag is on
//   PUT is unknown, §8: assume unusable), cards without N get an empty 403, cards over 256 KB a 413;
// - address-data comes back with CR escaped as `&#13;` (iCloud's XML, §2.4);
// - switches for faults: failNext() answers 503 (or any status) with Retry-After; dropAfterPut()
//   forwards a PUT to Radicale and then closes the connection without answering.
// Invariants: each simulator owns a fresh Radicale user (its own home and `card` address book), so
// tests sharing one Radicale never see each other's cards; every request is recorded; stop() closes
// both listeners and their connections.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CardDavServer } from './carddav-servers.ts';
import { LOOPBACK_HOST } from './free-port.ts';
import { appleRewrite, hasN } from './icloud-simulator-vcard.ts';

export interface ICloudSimulatorOptions {
  /** The Radicale that stores the cards (startRadicale()); Xandikos would do, but iCloud rewrites like Radicale. */
  backend: CardDavServer;
  appleId?: string;
  /** The app-specific password the simulator accepts. Non-Latin-1 on purpose by default. */
  password?: string;
  dsid?: string;
  /** Where the principal says the home is: on the partition host (default), or on main, which redirects there. */
  homeSetOn?: 'partition' | 'main';
  /** Largest card accepted (iCloud: 256 KB per card, §3.5). */
  maxCardBytes?: number;
}

export interface RecordedRequest {
  listener: 'main' | 'partition';
  method: string;
  path: string;
  authorization: string | null;
  status: number;
}

export interface ICloudSimulator {
  /** Main listener root, standing in for https://contacts.icloud.com/. */
  readonly url: string;
  /** Partition listener root, standing in for https://pNN-contacts.icloud.com:443/. */
  readonly partitionUrl: string;
  /** The partition listener's host name (127.0.0.2, or 127.0.0.1 where the OS has no 127.0.0.2). */
  readonly partitionHost: string;
  readonly principalUrl: string;
  readonly homeUrl: string;
  /** The one address book, /<dsid>/carddavhome/card/ on the partition host. */
  readonly addressBookUrl: string;
  readonly appleId: string;
  readonly password: string;
  readonly dsid: string;
  /** The Authorization header the simulator accepts. */
  readonly authorization: string;
  readonly requests: RecordedRequest[];
  /** The next `count` authenticated DAV requests are answered with `status` (default 503) and Retry-After. */
  failNext(count: number, answer?: { status?: number; retryAfter?: string | null }): void;
  /** The next `count` PUTs are stored by Radicale, then the connection is closed without an answer. */
  dropAfterPut(count?: number): void;
  stop(): Promise<void>;
}

const CARDDAV = 'urn:ietf:params:xml:ns:carddav';

export async function startICloudSimulator(options: ICloudSimulatorOptions): Promise<ICloudSimulator> {
  const { backend } = options;
  const appleId = options.appleId ?? 'zhang.wei@icloud.com';
  const password = options.password ?? 'abcd-efgh-ijkl-mnop-密码-ä';
  const dsid = options.dsid ?? String(10_000_000_000 + randomBytes(3).readUIntBE(0, 3));
  const maxCardBytes = options.maxCardBytes ?? 256 * 1024;
  const authorization = `Basic ${Buffer.from(`${appleId}:${password}`, 'utf8').toString('base64')}`;
  // A fresh Radicale user per simulator: its own home /<user>/ and address book /<user>/card/.
  const backendUser = `sim${randomBytes(6).toString('hex')}`;
  const backendAuth = `Basic ${Buffer.from(`${backendUser}:x`, 'utf8').toString('base64')}`;
  const homePath = `/${dsid}/carddavhome/`;
  const principalPath = `/${dsid}/principal/`;

  const requests: RecordedRequest[] = [];
  const failures: { remaining: number; status: number; retryAfter: string | null }[] = [];
  let drops = 0;

  const main = http.createServer((req, res) => void handle('main', req, res));
  const partition = http.createServer((req, res) => void handle('partition', req, res));
  const mainPort = await listen(main, LOOPBACK_HOST);
  const partitionHost = await listen(partition, '127.0.0.2').then(
    () => '127.0.0.2',
    async () => {
      await listen(partition, LOOPBACK_HOST);
      return LOOPBACK_HOST;
    },
  );
  const partitionPort = (partition.address() as AddressInfo).port;
  const url = `http://${LOOPBACK_HOST}:${mainPort}/`;
  const partitionUrl = `http://${partitionHost}:${partitionPort}/`;
  const homeSet = options.homeSetOn === 'main' ? new URL(homePath, url).href : new URL(homePath, partitionUrl).href;

  await createBackendBook();

  async function createBackendBook(): Promise<void> {
    const body =
      '<?xml version="1.0" encoding="utf-8"?>' +
      `<D:mkcol xmlns:D="DAV:" xmlns:C="${CARDDAV}"><D:set><D:prop>` +
      '<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype><D:displayname>Contacts</D:displayname>' +
      '</D:prop></D:set></D:mkcol>';
    const r = await fetch(new URL(`/${backendUser}/card/`, backend.url), {
      method: 'MKCOL',
      headers: { Authorization: backendAuth, 'Content-Type': 'application/xml; charset=utf-8', 'Accept-Encoding': 'identity' },
      body,
    });
    await r.text();
    if (r.status !== 201) throw new Error(`iCloud simulator: MKCOL on Radicale failed with ${r.status}`);
  }

  async function handle(listener: 'main' | 'partition', req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const record: RecordedRequest = { listener, method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization ?? null, status: 0 };
    requests.push(record);
    const answer = (status: number, headers: Record<string, string> = {}, body = ''): void => {
      record.status = status;
      res.writeHead(status, { 'x-apple-user-partition': '42', ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
    try {
      const body = await readBody(req);
      const path = new URL(record.path, 'http://x').pathname;
      if (listener === 'main' && path.startsWith('/.well-known/carddav')) return answer(301, { location: '/' });
      if (record.authorization !== authorization) return answer(401, { 'www-authenticate': 'Basic realm="MobileMe"' });
      const failure = failures[0];
      if (failure) {
        if (--failure.remaining <= 0) failures.shift();
        return answer(failure.status, failure.retryAfter === null ? {} : { 'retry-after': failure.retryAfter });
      }
      if (path === '/' && record.method === 'PROPFIND') return answer(207, xmlHeaders, rootPropfind(principalPath));
      if (path === principalPath && record.method === 'PROPFIND') return answer(207, xmlHeaders, principalPropfind(principalPath, homeSet));
      if (path.startsWith(homePath)) {
        if (listener === 'main') return answer(301, { location: new URL(record.path, partitionUrl).href });
        return await proxy(req, res, record, path, body);
      }
      return answer(404);
    } catch (error) {
      if (!res.headersSent) answer(500, {}, String(error));
    }
  }

  async function proxy(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest, path: string, body: Buffer): Promise<void> {
    let sent: Buffer | undefined = body.length > 0 ? body : undefined;
    if (record.method === 'PUT') {
      if (body.length > maxCardBytes) return reply(413, {}, '');
      const card = body.toString('utf8');
      if (!hasN(card)) return reply(403, {}, ''); // iCloud's whole explanation: an empty 403
      sent = Buffer.from(appleRewrite(card), 'utf8');
    } else if (sent && /xml/.test(req.headers['content-type'] ?? '')) {
      // multiget hrefs name the client's paths; Radicale knows its own.
      sent = Buffer.from(sent.toString('utf8').split(homePath).join(`/${backendUser}/`), 'utf8');
    }
    const headers: Record<string, string> = { Authorization: backendAuth, 'Accept-Encoding': 'identity' };
    for (const name of ['depth', 'content-type', 'if-match', 'if-none-match']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const target = new URL(`/${backendUser}/${path.slice(homePath.length)}${new URL(record.path, 'http://x').search}`, backend.url);
    const upstream = await fetch(target, { method: record.method, headers, body: sent ? new Uint8Array(sent) : undefined, redirect: 'manual' });
    let text = await upstream.text();
    if (record.method === 'PUT' && drops > 0) {
      drops -= 1;
      record.status = -1;
      res.socket?.destroy(); // stored by Radicale, answer lost on the way back
      return;
    }
    const type = upstream.headers.get('content-type') ?? '';
    if (type.includes('xml')) {
      text = text.split(`/${backendUser}/`).join(homePath);
      text = text.replace(/(<(?:[\w.-]+:)?address-data\b[^>]*>)([\s\S]*?)(<\/(?:[\w.-]+:)?address-data>)/g, (_m, open: string, card: string, close: string) => open + card.replace(/\r\n/g, '&#13;\n') + close);
    }
    const out: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'last-modified', 'dav', 'allow']) {
      const value = upstream.headers.get(name);
      // iCloud's PUT answer is treated as carrying no usable ETag (§8), so the client must read back.
      if (value !== null && !(record.method === 'PUT' && name === 'etag')) out[name] = value;
    }
    return reply(upstream.status, out, text);

    function reply(status: number, headers: Record<string, string>, text: string): void {
      record.status = status;
      res.writeHead(status, { 'x-apple-user-partition': '42', ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    }
  }

  return {
    url,
    partitionUrl,
    partitionHost,
    principalUrl: new URL(principalPath, url).href,
    homeUrl: new URL(homePath, partitionUrl).href,
    addressBookUrl: new URL(`${homePath}card/`, partitionUrl).href,
    appleId,
    password,
    dsid,
    authorization,
    requests,
    failNext(count, answer = {}) {
      failures.push({ remaining: count, status: answer.status ?? 503, retryAfter: answer.retryAfter === undefined ? '2' : answer.retryAfter });
    },
    dropAfterPut(count = 1) {
      drops += count;
    },
    async stop() {
      await Promise.all([close(main), close(partition)]);
    },
  };
}

const xmlHeaders = { 'content-type': 'application/xml; charset=utf-8' };

function rootPropfind(principalPath: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop>' +
    `<current-user-principal><href>${principalPath}</href></current-user-principal>` +
    '<resourcetype><collection/></resourcetype>' +
    '</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>'
  );
}

function principalPropfind(principalPath: string, homeSet: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<multistatus xmlns="DAV:" xmlns:C="${CARDDAV}"><response><href>${principalPath}</href><propstat><prop>` +
    `<current-user-principal><href>${principalPath}</href></current-user-principal>` +
    `<C:addressbook-home-set><href>${homeSet}</href></C:addressbook-home-set>` +
    '<resourcetype><principal/></resourcetype><displayname>Zhang Wei</displayname>' +
    '</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>'
  );
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: http.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port: 0, host }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
