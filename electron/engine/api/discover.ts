// accounts.discover: CardDAV/iCloud discovery before an account is saved, so the form can say
// "found 2 address books: Contacts, Work" or what is wrong (wrong password, no CardDAV at that
// address) while the user can still fix it. Nothing is stored: no account, no secret.
// Invariant: a server's refusal becomes AUTH_REQUIRED or PROVIDER_ERROR with the provider's
// actionable message (discovery.ts phrases iCloud's app-specific-password case); never INTERNAL.
import { ConcordError } from '../../../shared/api/errors.ts';
import type { DiscoveryView } from '../../../shared/api/contract.ts';
import { isProviderError } from '../providers/types.ts';
import { ICLOUD_CARDDAV_URL } from './accounts.ts';
import type { DomainHandlers } from './handlers.ts';

/** Long enough for iCloud's hand-over between hosts; short enough that a wrong host does not hang the form. */
const DISCOVERY_TIMEOUT_MS = 20_000;

export const discoverHandlers: DomainHandlers<'accounts.discover'> = {
  'accounts.discover': async (p) => {
    const url = p.kind === 'icloud' ? (p.url ?? ICLOUD_CARDDAV_URL) : p.url;
    if (url === null) throw new ConcordError('INVALID_PARAMS', 'A CardDAV account needs the server URL.');
    try {
      // Loaded on first use, like the provider registry (headless/session.ts): tsdav is ~20 MB of an
      // idle engine that has no CardDAV account, and every CLI command would pay for its start-up.
      const { discoverAddressBooks } = await import('../providers/carddav/index.ts');
      const found = await discoverAddressBooks({ url, username: p.username, password: p.secret, icloud: p.kind === 'icloud', timeoutMs: DISCOVERY_TIMEOUT_MS });
      const view: DiscoveryView = {
        principal: found.principal,
        addressBooks: found.addressBooks.map((b) => ({ url: b.url, displayName: b.displayName })),
      };
      return view;
    } catch (error) {
      if (isProviderError(error)) {
        if (error.kind === 'auth') throw new ConcordError('AUTH_REQUIRED', error.message);
        if (error.kind === 'rate-limited') throw new ConcordError('RATE_LIMITED', error.message);
        throw new ConcordError('PROVIDER_ERROR', error.message);
      }
      throw error;
    }
  },
};
