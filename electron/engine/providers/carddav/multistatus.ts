// The three DAV reports Concord sends — PROPFIND (RFC 4918 §9.1), sync-collection (RFC 6578 §3.2)
// and addressbook-multiget (RFC 6352 §8.7) — built and parsed by tsdav, sent through DavTransport.
// What tsdav does right and we use: XML building with escaping (js2xml), multistatus parsing into
// per-response status + props, dropping failed propstats. What it does wrong and we avoid or repair
// (carddav-icloud.md §5.2):
// - addressBookMultiGet() goes through collectionQuery(), which THROWS when any href in the 207 is a
//   404 — the normal answer for a card deleted meanwhile → we call davRequest() with the same body;
// - its parser trims text nodes, so address-data loses its final line break → restored in cardText();
// - text that looks like a number becomes a number (nativeType) → every value is read back with
//   String(); RFC 7232 etags are quoted and RFC 6578 tokens are URIs, so none of ours are altered;
// - element names lose their namespace (camelCased local names): fine for the DAV/CardDAV/CS props we ask for.
// Invariants: every entry's path is canonical (hrefs.ts) and resolved against the URL that answered,
// not the one we asked (a redirect may have moved us, RFC 4918 §8.3); a body that is not a
// multistatus is an error, never an empty listing.
import { davRequest, propfind } from 'tsdav';
import type { DAVResponse } from 'tsdav';
import { ProviderError } from '../types.ts';
import { canonicalPath } from './hrefs.ts';
import type { DavReply, DavTransport } from './transport.ts';

const CARDDAV = 'urn:ietf:params:xml:ns:carddav';
const XML_HEADERS = { 'Content-Type': 'application/xml; charset=utf-8' } as const;

export interface DavEntry {
  /** Canonical absolute path of the member. */
  path: string;
  /** Response-level status: 200 for a normal member, 404 for a removed one (sync) or a missing one (multiget). */
  status: number;
  /** Successful properties by camelCased local name. */
  props: Record<string, unknown>;
}

export interface Multistatus {
  entries: DavEntry[];
  /** The top-level DAV:sync-token of a sync-collection answer. */
  syncToken: string | null;
  /** The URL that answered (after redirects). */
  url: string;
}

export interface ReportContext {
  signal?: AbortSignal;
  action: string;
}

type PropfindProps = Parameters<typeof propfind>[0]['props'];

export function propfindRequest(transport: DavTransport, url: string, props: PropfindProps, depth: '0' | '1', context: ReportContext): Promise<Multistatus> {
  return run(transport, url, context, (fetch) =>
    propfind({ url, props, depth, headers: { ...XML_HEADERS }, fetch }),
  );
}

/** RFC 6578 §3.2: Depth 0 on the collection, sync-level 1 (Xandikos 0.2.8 insists), etags only. */
export function syncCollectionRequest(transport: DavTransport, url: string, token: string | null, context: ReportContext): Promise<Multistatus> {
  return run(transport, url, context, (fetch) =>
    davRequest({
      url,
      init: {
        method: 'REPORT',
        namespace: 'd',
        headers: { ...XML_HEADERS, Depth: '0' },
        body: {
          'sync-collection': {
            _attributes: { 'xmlns:d': 'DAV:' },
            // An empty element asks for the initial sync (RFC 6578 §3.4); js2xml writes <d:sync-token/> for undefined.
            'sync-token': token ?? undefined,
            'sync-level': 1,
            prop: { getetag: {} },
          },
        },
      },
      fetch,
    }),
  );
}

/** RFC 6352 §8.7, Depth 0 as the RFC says (tsdav's fetchVCards sends 1). */
export function multigetRequest(transport: DavTransport, url: string, paths: readonly string[], context: ReportContext): Promise<Multistatus> {
  return run(transport, url, context, (fetch) =>
    davRequest({
      url,
      init: {
        method: 'REPORT',
        namespace: 'card',
        headers: { ...XML_HEADERS, Depth: '0' },
        body: {
          'addressbook-multiget': {
            _attributes: { 'xmlns:d': 'DAV:', 'xmlns:card': CARDDAV },
            'd:prop': { 'd:getetag': {}, 'd:getlastmodified': {}, 'card:address-data': {} },
            'd:href': [...paths],
          },
        },
      },
      fetch,
    }),
  );
}

async function run(transport: DavTransport, url: string, context: ReportContext, send: (fetch: typeof globalThis.fetch) => Promise<DAVResponse[]>): Promise<Multistatus> {
  let reply: DavReply | undefined;
  const responses = await send(transport.tsdavFetch(context, (r) => (reply = r)));
  const answeredUrl = reply?.url ?? url;
  const raw: unknown = responses[0]?.raw;
  const multistatus = isRecord(raw) ? raw['multistatus'] : undefined;
  if (!isRecord(multistatus)) {
    throw new ProviderError('unavailable', `The server did not answer with a WebDAV multistatus while ${context.action} (${answeredUrl}); is this a CardDAV URL?`, {
      status: reply?.status ?? undefined,
    });
  }
  const entries: DavEntry[] = [];
  for (const response of responses) {
    const hrefs = Array.isArray(response.href) ? (response.href as unknown[]) : [response.href];
    for (const href of hrefs) {
      const h = text(href);
      if (!h) continue;
      entries.push({ path: canonicalPath(h, answeredUrl), status: response.status, props: isRecord(response.props) ? response.props : {} });
    }
  }
  return { entries, syncToken: text(multistatus['syncToken']), url: answeredUrl };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property's text: primitives as String(), CDATA/text nodes unwrapped, empty elements as null. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const inner = value['_cdata'] ?? value['_text'];
    if (inner !== undefined) return text(Array.isArray(inner) ? inner.join('') : inner);
  }
  return null;
}

/** address-data as a vCard: tsdav's parser trimmed the final line break; put the card's own one back. */
export function cardText(value: unknown): string | null {
  const card = text(value);
  if (card === null) return null;
  if (/END:VCARD$/i.test(card)) return card + (card.includes('\r\n') ? '\r\n' : '\n');
  return card;
}

/** The hrefs inside a property such as current-user-principal or addressbook-home-set. */
export function hrefsIn(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const href = value['href'];
  const list = Array.isArray(href) ? href : [href];
  return list.map(text).filter((h): h is string => h !== null && h !== '');
}

/** Whether a parsed XML tree contains an element with this (camelCased) local name anywhere. */
export function containsElement(value: unknown, name: string): boolean {
  if (Array.isArray(value)) return value.some((v) => containsElement(v, name));
  if (!isRecord(value)) return false;
  return Object.entries(value).some(([key, child]) => key === name || containsElement(child, name));
}
