// Which hosts may receive the account's password. The Fetch standard strips Authorization on every
// cross-origin redirect (whatwg/fetch#1544), which breaks iCloud (contacts.icloud.com hands over to
// pNN-contacts.icloud.com, carddav-icloud.md §1.1, §1.3); following redirects ourselves means we
// decide instead, so the rule lives here.
// Invariant: credentials go only to (1) the host the account was configured with (any port: same
// machine, same operator), (2) hosts the caller allow-lists (exact names, or suffixes written with
// a leading dot), (3) *.icloud.com when the account is an iCloud one, (4) hosts an authenticated
// DAV answer named (addressbook-home-set, RFC 6352 §7.1.1) — never over a downgrade from https to http.

export class CredentialScope {
  private readonly origin: URL;
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];

  constructor(startUrl: string | URL, trustedHosts: readonly string[] = []) {
    this.origin = new URL(startUrl);
    this.exact.add(this.origin.hostname.toLowerCase());
    for (const host of trustedHosts) this.add(host);
    if (isICloudHost(this.origin.hostname)) this.add('.icloud.com');
  }

  /** Adds a host (or `.suffix`) the account's server pointed us at. */
  add(host: string): void {
    const h = host.toLowerCase();
    if (h.startsWith('.')) this.suffixes.push(h);
    else this.exact.add(h);
  }

  allows(url: URL): boolean {
    if (this.origin.protocol === 'https:' && url.protocol !== 'https:') return false;
    const host = url.hostname.toLowerCase();
    return this.exact.has(host) || this.suffixes.some((s) => host.endsWith(s) || host === s.slice(1));
  }
}

export function isICloudHost(hostname: string): boolean {
  return /(^|\.)icloud\.com$/i.test(hostname);
}
