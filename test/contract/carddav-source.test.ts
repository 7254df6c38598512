// CardDavSource against the ContactSource contract on real servers: Radicale 3.1.8 (rewrites cards,
// sync-collection), the same Radicale read through the ctag + etag path (as for servers without
// sync-collection), Xandikos 0.2.8 (stores verbatim; malformed supported-report-set, so the probe
// must still find sync-collection), Xandikos with PUT etags trusted, and the iCloud simulator in front
// of Radicale (cross-host home set, rewritten cards, no ETag on PUT, CR escaped in address-data).
// Each fixture gets a fresh address book; the servers are shared by the file and stopped at the end.
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { CardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import type { CardDavSourceOptions } from '../../electron/engine/providers/carddav/index.ts';
import type { ChangePage, ContactSource, RemoteItem } from '../../electron/engine/providers/types.ts';
import { startRadicale, startXandikos } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { startICloudSimulator } from '../support/icloud-simulator.ts';
import { cardName, cardUid, makeCard } from '../support/icloud-simulator-vcard.ts';
import { contactSourceContract } from './contact-source.suite.ts';
import type { SourceFixture } from './contact-source.suite.ts';

/** Small batches so "across pages" needs few cards. */
const BATCH = 4;

const started = new Map<string, Promise<CardDavServer>>();
function server(kind: 'radicale' | 'xandikos'): Promise<CardDavServer> {
  let s = started.get(kind);
  if (!s) {
    s = kind === 'radicale' ? startRadicale() : startXandikos();
    started.set(kind, s);
  }
  return s;
}
afterAll(async () => {
  await Promise.all([...started.values()].map(async (s) => (await s).stop()));
});

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** What another client (an iPhone, the web UI) does: a raw conditional PUT keeping the card's UID. */
async function rawEdit(bookUrl: string, authorization: string, item: RemoteItem, name: string): Promise<void> {
  const uid = cardUid(item.payload) ?? randomUUID();
  const response = await fetch(new URL(item.id, bookUrl), {
    method: 'PUT',
    headers: { Authorization: authorization, 'If-Match': item.etag, 'Content-Type': 'text/vcard; charset=utf-8', 'Accept-Encoding': 'identity' },
    body: makeCard(name, uid),
  });
  await response.text();
  if (response.status < 200 || response.status > 299) throw new Error(`edit elsewhere failed: ${response.status}`);
}

function fixture(source: ContactSource, bookUrl: string, authorization: string, cleanup: () => Promise<void> = async () => {}): SourceFixture {
  return {
    source,
    makePayload: (name) => makeCard(name, randomUUID()),
    hasName: (payload, name) => cardName(payload) === name,
    editElsewhere: (item, name) => rawEdit(bookUrl, authorization, item, name),
    cleanup,
  };
}

/**
 * The source as the engine drives it. Two things the engine does that the contract's fixtures must do
 * for it: (1) an update keeps the card's UID — the contract's update payloads are new cards with new
 * UIDs, which CardDAV forbids for an existing resource (RFC 6352 §6.3.2.1 no-uid-conflict; Radicale
 * answers 409), so the UID of the stored card is put back; (2) with `known`, the etags from completed
 * listings are kept (a full listing replaces them) and handed to the ctag path as knownEtags.
 */
function asEngineWould(inner: CardDavSource, known?: Map<string, string>): ContactSource {
  const uids = new Map<string, string>();
  const remember = (item: RemoteItem): RemoteItem => {
    const uid = cardUid(item.payload);
    if (uid) uids.set(item.id, uid);
    return item;
  };
  return {
    capabilities: inner.capabilities,
    async *listChanges(cursor, options) {
      const pages: ChangePage[] = [];
      for await (const page of inner.listChanges(cursor, options)) {
        page.changed.forEach(remember);
        pages.push(page);
        yield page;
      }
      if (!known) return;
      if (cursor === null) known.clear();
      for (const page of pages) {
        for (const item of page.changed) known.set(item.id, item.etag);
        for (const id of page.deleted) known.delete(id);
      }
    },
    get: async (ids, options) => (await inner.get(ids, options)).map(remember),
    create: async (payload, options) => remember(await inner.create(payload, options)),
    update: async (id, etag, payload, options) => {
      const uid = uids.get(id);
      return remember(await inner.update(id, etag, uid ? payload.replace(/^UID:.*$/m, `UID:${uid}`) : payload, options));
    },
    delete: (id, etag, options) => inner.delete(id, etag, options),
  };
}

async function serverFixture(kind: 'radicale' | 'xandikos', extra: Partial<CardDavSourceOptions> = {}): Promise<SourceFixture> {
  const s = await server(kind);
  const bookUrl = await s.createAddressBook(`contract-${randomUUID()}`);
  const source = new CardDavSource({ url: bookUrl, username: s.username, password: s.password, maxBatch: BATCH, ...extra });
  return fixture(asEngineWould(source), bookUrl, basic(s.username, s.password));
}

/** The ctag path (servers without sync-collection), with the etags "the engine holds". */
async function ctagFixture(): Promise<SourceFixture> {
  const s = await server('radicale');
  const bookUrl = await s.createAddressBook(`contract-ctag-${randomUUID()}`);
  const known = new Map<string, string>();
  const source = new CardDavSource({ url: bookUrl, username: s.username, password: s.password, maxBatch: BATCH, supportsSyncCollection: false, knownEtags: () => new Map(known) });
  return fixture(asEngineWould(source, known), bookUrl, basic(s.username, s.password));
}

async function icloudFixture(): Promise<SourceFixture> {
  const sim = await startICloudSimulator({ backend: await server('radicale') });
  const source = new CardDavSource({ url: sim.addressBookUrl, username: sim.appleId, password: sim.password, maxBatch: BATCH, icloud: true });
  return fixture(asEngineWould(source), sim.addressBookUrl, sim.authorization, () => sim.stop());
}

contactSourceContract('CardDAV on Radicale (sync-collection)', () => serverFixture('radicale'));
contactSourceContract('CardDAV on Radicale (ctag + etag listing)', ctagFixture);
contactSourceContract('CardDAV on Xandikos (sync-collection found by probing)', () => serverFixture('xandikos'));
contactSourceContract('CardDAV on Xandikos (PUT etags trusted)', () => serverFixture('xandikos', { trustPutEtag: true, supportsSyncCollection: true }));
contactSourceContract('CardDAV through the iCloud simulator', icloudFixture);
