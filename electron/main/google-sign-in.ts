// Google sign-in from the desktop app: the provider's loopback + PKCE flow (providers/google/oauth.ts)
// with the consent page opened in the system browser (shell.openExternal), as RFC 8252 §4-§7 asks of
// native apps: never an embedded web view, whose password field the app could read.
// Invariant: only an https URL (or, for the local Google stand-in used in development and tests,
// an http URL on a loopback address) is handed to the OS; anything else is refused, because
// openExternal would start whatever program the system associates with the scheme.
import { ConcordError } from '../../shared/api/errors.ts';
import type { GoogleConfig, GoogleGrant, SignInOptions } from '../engine/providers/google/index.ts';

export function isBrowserUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname));
  } catch {
    return false;
  }
}

/** The `openUrl` the provider's sign-in takes, backed by shell.openExternal. */
export function systemBrowser(openExternal: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    if (!isBrowserUrl(url)) throw new ConcordError('INVALID_PARAMS', 'Concord only opens web addresses in the browser for signing in.');
    await openExternal(url);
  };
}

/** Signs in to Google in the system browser; resolves with the grant (its refresh token goes to the SecretStore). */
export async function signInWithSystemBrowser(
  signIn: (config: GoogleConfig, options: SignInOptions) => Promise<GoogleGrant>,
  config: GoogleConfig,
  openExternal: (url: string) => Promise<void>,
  signal?: AbortSignal,
): Promise<GoogleGrant> {
  return signIn(config, { openUrl: systemBrowser(openExternal), ...(signal && { signal }) });
}
