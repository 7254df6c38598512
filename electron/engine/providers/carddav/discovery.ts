// Finds a user's address books from a server address and credentials (carddav-icloud.md §1):
// /.well-known/carddav (RFC 6764 §5) → DAV:current-user-principal (RFC 5397) →
// CARDDAV:addressbook-home-set (RFC 6352 §7.1.1) → PROPFIND Depth 1 on the home.
// Not tsdav's createAccount/fetchAddressBooks: they follow redirects with fetch's default mode (the
// password is dropped on iCloud's hand-over to pNN-contacts.icloud.com), resolve address-book hrefs
// against the discovery host instead of the home-set host, and their Basic encoder throws for
// non-Latin-1 passwords (§1.1, §5.2). tsdav still builds and parses each PROPFIND (multistatus.ts).
// Invariants: every href is resolved against the URL of the answer it came from (the home set may be
// on another host); credentials only go where CredentialScope allows, and the home-set host, named by
// an authenticated answer, is added to it; failures are ProviderErrors with an actionable message
// (iCloud: app-specific password, primary Apple ID).
import { ProviderError } from '../types.ts';
import { isICloudHost } from './credential-scope.ts';
import { DavHttpError, httpFailure } from './http-errors.ts';
import { containsElement, hrefsIn, propfindRequest, text } from './multistatus.ts';
import type { DavEntry, Multistatus } from './multistatus.ts';
import { DavTransport } from './transport.ts';

export interface DiscoveryOptions {
  /** What the user typed: a host ("contacts.icloud.com"), a server URL, or a principal/home URL. */
  url: string;
  username: string;
  password: string;
  fetch?: typeof fetch;
  trustedHosts?: readonly string[];
  /** Phrase errors for iCloud; default: the host is *.icloud.com. */
  icloud?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface DiscoveredAddressBook {
  url: string;
  displayName: string | null;
  ctag: string | null;
  syncToken: string | null;
  supportsSyncCollection: boolean;
}

export interface DiscoveryResult {
  principal: string;
  home: string;
  addressBooks: DiscoveredAddressBook[];
  /** Hosts besides the start host that were trusted with the credentials: pass them on to CardDavSource. */
  trustedHosts: string[];
}

export async function discoverAddressBooks(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const start = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(options.url) ? options.url : `https://${options.url}`);
  const transport = new DavTransport({ ...options, url: start.href });
  const icloud = options.icloud ?? isICloudHost(start.hostname);
  const trusted = [...(options.trustedHosts ?? [])];
  const ask = async (url: string, props: Parameters<typeof propfindRequest>[2], depth: '0' | '1', action: string): Promise<Multistatus> => {
    try {
      return await propfindRequest(transport, url, props, depth, { signal: options.signal, action });
    } catch (error) {
      throw error instanceof DavHttpError ? httpFailure(error, { action, write: false, icloud }) : error;
    }
  };

  const principal = await findPrincipal(start, ask);

  const homeAction = 'looking up the address-book home';
  const atPrincipal = await ask(principal, { 'card:addressbook-home-set': {} }, '0', homeAction);
  const homeHref = hrefsIn(first(atPrincipal)?.props['addressbookHomeSet'])[0];
  let home: string;
  if (homeHref) {
    home = new URL(homeHref, atPrincipal.url).href;
  } else if (icloud && /\/\d+\/principal\/$/.test(new URL(principal).pathname)) {
    // Reported for iCloud: the principal may omit the home set; it is /<dsid>/carddavhome/ (§1.3).
    home = new URL('../carddavhome/', principal).href;
  } else {
    home = principal; // Radicale: principal and home are the same collection
  }
  const homeHost = new URL(home).hostname;
  if (!transport.scope.allows(new URL(home)) && new URL(home).protocol === new URL(principal).protocol) {
    // Named by an authenticated answer of the account's own server: it already holds the password.
    transport.scope.add(homeHost);
    trusted.push(homeHost);
  }

  const listing = await ask(home, { 'd:resourcetype': {}, 'd:displayname': {}, 'cs:getctag': {}, 'd:sync-token': {}, 'd:supported-report-set': {} }, '1', 'listing the address books');
  const addressBooks: DiscoveredAddressBook[] = [];
  for (const entry of listing.entries) {
    if (!containsElement(entry.props['resourcetype'], 'addressbook')) continue;
    const syncToken = text(entry.props['syncToken']);
    addressBooks.push({
      url: new URL(entry.path, listing.url).href,
      displayName: text(entry.props['displayname']),
      ctag: text(entry.props['getctag']),
      syncToken,
      // Xandikos 0.2.8's supported-report-set lacks the <report> wrapper (tsdav #74): search anywhere.
      supportsSyncCollection: containsElement(entry.props['supportedReportSet'], 'syncCollection'),
    });
  }
  return { principal, home, addressBooks, trustedHosts: [...new Set(trusted)] };
}

type Ask = (url: string, props: Parameters<typeof propfindRequest>[2], depth: '0' | '1', action: string) => Promise<Multistatus>;

/**
 * The principal URL: from the well-known context path (RFC 6764 §5), or from the URL given when that
 * is not the server root; RFC 6764 §6 allows retrying on "/" when the context path is missing, and a
 * server without current-user-principal makes the given URL the principal (vdirsyncer's fallback).
 */
async function findPrincipal(start: URL, ask: Ask): Promise<string> {
  const candidates: string[] = [];
  if (start.pathname !== '/' && start.pathname !== '') candidates.push(start.href);
  candidates.push(new URL('/.well-known/carddav', start).href, new URL('/', start).href);
  const action = 'looking up the account (current-user-principal)';
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const ms = await ask(candidate, { 'd:current-user-principal': {}, 'd:resourcetype': {} }, '0', action);
      const href = hrefsIn(first(ms)?.props['currentUserPrincipal'])[0];
      if (href) return new URL(href, ms.url).href;
      if (candidate === start.href) return ms.url;
    } catch (error) {
      // Auth, throttling and cancellation are answers about the account, not about this path.
      if (error instanceof ProviderError && error.kind !== 'not-found' && error.kind !== 'rejected') throw error;
      lastError = error;
    }
  }
  if (lastError) throw lastError;
  throw new ProviderError('not-found', `${start.host} did not say which account these credentials belong to (no current-user-principal); enter the address book's full URL instead.`);
}

function first(ms: Multistatus): DavEntry | undefined {
  return ms.entries[0];
}
