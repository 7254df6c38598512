// Every HTTP exchange with a CardDAV server goes through here: Basic credentials, redirects,
// timeouts, cancellation. Raw fetch, not tsdav's request layer, because (carddav-icloud.md §1.1, §5.2):
// - fetch drops Authorization on cross-origin redirects and tsdav follows redirects with the default
//   `follow` mode, so iCloud's partition-host hand-over arrives unauthenticated → we follow redirects
//   ourselves, re-sending method and body, and re-attach credentials where CredentialScope allows;
// - tsdav's Basic encoder (btoa) throws for non-Latin-1 characters → we send the UTF-8 bytes in base64
//   (RFC 7617 §2.1, charset=UTF-8), so passwords like "pässwörd-密码" work;
// - Node 22's fetch (undici 6.28) crashes the whole process with `assert(!this.paused)` when a large
//   gzip-encoded body arrives on a connection the server closes (Radicale's HTTP/1.0 server, a
//   5,000-card sync-collection answer, reproduced here) → we ask for `Accept-Encoding: identity`.
// tsdav still builds and parses the XML: tsdavFetch() hands it a fetch that runs through this class.
// Invariants: a request carries credentials only to hosts the scope allows; the caller's AbortSignal
// always ends as ProviderError 'cancelled' and every other transport failure as 'unavailable';
// non-2xx statuses are returned (send) or thrown as DavHttpError (tsdavFetch), never swallowed.
import { ProviderError } from '../types.ts';
import { CredentialScope } from './credential-scope.ts';
import { DavHttpError, networkFailure } from './http-errors.ts';

export interface TransportOptions {
  /** Where the account starts (discovery URL or address-book URL): its host always gets credentials. */
  url: string;
  username: string;
  password: string;
  /** Replaces the global fetch (tests count requests with it; Electron may route through net.fetch). */
  fetch?: typeof fetch;
  /** More hosts (exact, or `.suffix`) that may receive credentials; *.icloud.com is implied for iCloud. */
  trustedHosts?: readonly string[];
  /** Per exchange, headers and body included. Radicale needs ~20 s to answer a cold 10,000-card sync. */
  timeoutMs?: number;
}

export interface DavRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** For error messages: "listing the address book". */
  action: string;
}

/** A complete answer: the body is read inside the timeout, so a stalled body cannot hang a sync. */
export interface DavReply {
  status: number;
  headers: Headers;
  text: string;
  /** The URL that answered, after redirects: hrefs in the body resolve against it (RFC 4918 §8.3). */
  url: string;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class DavTransport {
  readonly scope: CredentialScope;
  private readonly authorization: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: TransportOptions) {
    this.scope = new CredentialScope(options.url, options.trustedHosts);
    this.authorization = basicAuthorization(options.username, options.password);
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  /** One exchange, redirects followed; HTTP failures are returned, transport failures thrown. */
  async send(url: string, request: DavRequest): Promise<DavReply> {
    const { signal } = request;
    if (signal?.aborted) throw cancelled(signal);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let current = new URL(url);
    let method = request.method;
    let body = request.body;
    try {
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const headers: Record<string, string> = { 'Accept-Encoding': 'identity', 'User-Agent': 'Concord (CardDAV)', ...request.headers };
        if (this.scope.allows(current)) headers['Authorization'] = this.authorization;
        const response = await this.fetchImpl(current.href, { method, headers, body, redirect: 'manual', signal: combined });
        const location = response.headers.get('location');
        if (REDIRECTS.has(response.status) && location) {
          await response.body?.cancel();
          current = new URL(location, current);
          // 303 means "see other": fetch it with GET (RFC 9110 §15.4.4). 301/302/307/308 keep the
          // method and body, as fetch does for non-POST methods (PROPFIND/REPORT need their body).
          if (response.status === 303 && method !== 'HEAD') {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const text = await response.text();
        return { status: response.status, headers: response.headers, text, url: current.href };
      }
    } catch (error) {
      if (signal?.aborted) throw cancelled(signal);
      if (timeout.aborted) {
        throw new ProviderError('unavailable', `The server did not answer within ${Math.round(this.timeoutMs / 1000)} s while ${request.action} (${current.href}); it will be retried.`, { cause: error });
      }
      if (error instanceof ProviderError) throw error;
      throw networkFailure(error, request.action, current.href);
    }
    throw new ProviderError('unavailable', `More than ${MAX_REDIRECTS} redirects while ${request.action} (${url}); the server is misconfigured.`);
  }

  /**
   * A fetch for tsdav's request helpers: runs through send() and throws DavHttpError for non-2xx so
   * the caller sees status, body and Retry-After (tsdav would flatten them into `{ ok: false }`).
   * `onReply` receives the final URL and the raw answer.
   */
  tsdavFetch(request: Omit<DavRequest, 'method' | 'headers' | 'body'>, onReply?: (reply: DavReply) => void): typeof fetch {
    const run = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const reply = await this.send(url, {
        ...request,
        method: init?.method ?? 'GET',
        headers: headerRecord(init?.headers),
        body: typeof init?.body === 'string' ? init.body : undefined,
      });
      if (reply.status < 200 || reply.status > 299) throw new DavHttpError(reply.status, reply.url, reply.text, reply.headers.get('retry-after'));
      onReply?.(reply);
      return new Response(reply.text, { status: reply.status, headers: { 'content-type': reply.headers.get('content-type') ?? 'application/xml' } });
    };
    return run as typeof fetch;
  }
}

/** Basic credentials from the UTF-8 bytes of "user:password" (RFC 7617 §2.1). */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function cancelled(signal: AbortSignal): ProviderError {
  return new ProviderError('cancelled', 'The operation was cancelled.', { cause: signal.reason });
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}
