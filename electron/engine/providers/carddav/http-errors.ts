// How a failed CardDAV exchange becomes the ProviderError the engine acts on (providers/types.ts).
// Why one place: the same status means different things on a read and on a write (403 on PUT is
// "this card was refused", on PROPFIND "no access"), and iCloud's only answers are bare status codes,
// so the message must carry the hint a person needs (carddav-icloud.md §1.3, §4.6).
// Invariants: every HTTP failure maps to exactly one ProviderErrorKind; 412 is always
// precondition-failed; Retry-After (seconds or HTTP-date, RFC 9110 §10.2.3) becomes retryAfterMs;
// messages name what to do, never only a status code.
import { ProviderError } from '../types.ts';

/** A non-2xx answer, kept whole so the caller can decide with the body (valid-sync-token) and headers. */
export class DavHttpError extends Error {
  readonly status: number;
  readonly url: string;
  readonly body: string;
  readonly retryAfter: string | null;
  constructor(status: number, url: string, body: string, retryAfter: string | null) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'DavHttpError';
    this.status = status;
    this.url = url;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

export interface FailureContext {
  /** What we were doing, for the message: "listing the address book", "saving the card". */
  action: string;
  /** PUT/DELETE: 403/400/409/415 mean the server refused this card, not that access is missing. */
  write: boolean;
  icloud: boolean;
  /** Bytes sent, for 413/507 messages. */
  bytes?: number;
}

const ICLOUD_AUTH =
  'iCloud rejected the password: use an app-specific password from appleid.apple.com (Sign-In and Security → App-Specific Passwords) ' +
  'and your primary Apple ID e-mail address as the user name (aliases and the normal Apple ID password do not work).';

const ICLOUD_REJECTED =
  'iCloud refused the card (403). iCloud answers this for cards without an N (name) property, cards over 256 KB and cards it cannot read; ' +
  'the card is left out until it is changed.';

/** Retry-After as milliseconds from now; null when absent or unreadable (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

function describeBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes >= 1024 ? ` (${Math.round(bytes / 1024)} KB sent)` : ` (${bytes} bytes sent)`;
}

/** The ProviderError for an HTTP failure. */
export function httpFailure(error: DavHttpError, context: FailureContext): ProviderError {
  const { status } = error;
  const details = { status, cause: error };
  const where = `${context.action} (${error.url})`;
  if (status === 401) {
    return new ProviderError('auth', context.icloud ? ICLOUD_AUTH : `The server rejected the user name or password (401) while ${where}. Check the account's credentials.`, details);
  }
  if (status === 412) return new ProviderError('precondition-failed', `The card changed on the server while ${where}; it has to be fetched again.`, details);
  if (status === 404 || status === 410) return new ProviderError('not-found', `Not found on the server (${status}) while ${where}.`, details);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.retryAfter);
    return new ProviderError('rate-limited', `The server asked to slow down (429) while ${where}.`, { ...details, ...(retryAfterMs === null ? {} : { retryAfterMs }) });
  }
  if (status === 503) {
    const retryAfterMs = parseRetryAfter(error.retryAfter);
    // 503 with Retry-After is the throttling answer iCloud and others give (carddav-icloud.md §4.6);
    // without it, it is an outage like any other 5xx.
    if (retryAfterMs !== null) return new ProviderError('rate-limited', `The server is busy (503) while ${where}; it asked to retry in ${Math.ceil(retryAfterMs / 1000)} s.`, { ...details, retryAfterMs });
    return new ProviderError('unavailable', `The server is unavailable (503) while ${where}; try again later.`, details);
  }
  if (status === 413) return new ProviderError('rejected', `The card is too large for the server (413)${describeBytes(context.bytes)} while ${where}${context.icloud ? '; iCloud allows 256 KB per card and 224 KB per photo' : ''}.`, details);
  if (status === 507) return new ProviderError('rejected', `The server has no room for the card (507, over quota)${describeBytes(context.bytes)} while ${where}.`, details);
  if (status >= 500) return new ProviderError('unavailable', `The server failed (${status}) while ${where}; try again later.`, details);
  if (status === 403 && !context.write) {
    return new ProviderError('auth', `The server denied access (403) while ${where}: the account has no permission for this address book.`, details);
  }
  if (context.write && status === 403 && context.icloud) return new ProviderError('rejected', `${ICLOUD_REJECTED} (${error.url})`, details);
  if (context.write && status === 409) {
    // RFC 6352 §6.3.2.1 no-uid-conflict: another resource already holds this UID (Radicale: 409).
    return new ProviderError('rejected', `The server refused the card (409): another card in this address book already has the same UID, or the UID was changed (${error.url}).`, details);
  }
  const reason = firstLine(error.body);
  return new ProviderError('rejected', `The server refused the request (${status}) while ${where}${reason ? `: ${reason}` : ''}.`, details);
}

/** An exception from the transport that is not an HTTP status (network down, reset, timeout). */
export function networkFailure(error: unknown, action: string, url: string): ProviderError {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : error instanceof Error ? `: ${error.message}` : '';
  return new ProviderError('unavailable', `Could not reach the server while ${action} (${url})${cause}. Nothing was lost; it will be retried.`, { cause: error });
}

function firstLine(body: string): string {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
