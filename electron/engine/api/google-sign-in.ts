// accounts.signInGoogle / accounts.cancelSignIn: adding a Google account from the UI. The
// provider's browser sign-in (loopback redirect on 127.0.0.1 with PKCE, providers/google/oauth.ts)
// is started and the method answers at once with the consent URL; the host opens it if it can
// (Ports.openUrl: Electron's shell.openExternal), otherwise the UI does. When Google's redirect
// arrives, the account is added through accounts.add (journaled, secret = client + refresh token in
// the SecretStore, never the database) and `account.signedIn` is emitted; any other ending emits
// `account.signInFailed` with a reason the UI puts in plain words.
// Invariants: at most one sign-in is pending per engine (a new one replaces it); every pending
// sign-in ends — by redirect, cancel, replacement, engine close or timeout (5 minutes) — and its
// loopback port is closed when it does (signInWithBrowser closes the listener in `finally`); the
// account is never written while a dry run holds its rolled-back transaction.
// Unlike the other handlers this file keeps state (the pending sign-in) — per engine, keyed by its
// context, because a sign-in outlives the call that started it.
import { randomUUID } from 'node:crypto';
import type { GoogleSignInView, ValidParams } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ErrorCode } from '../../../shared/api/errors.ts';
import type { SignInFailureReason } from '../../../shared/api/events.ts';
import { getAccountByName } from '../db/repos/accounts.ts';
import type * as GoogleProvider from '../providers/google/index.ts';
import type { Env, GoogleConfig, GoogleGrant } from '../providers/google/index.ts';
import { isProviderError } from '../providers/types.ts';
import type { GoogleSecret } from '../providers/registry.ts';
import { accountHandlers } from './accounts.ts';
import type { EngineContext } from './context.ts';
import type { DomainHandlers } from './handlers.ts';

export interface GoogleSignInOptions {
  /** The host's environment: CONCORD_GOOGLE_CLIENT_ID/_SECRET and endpoint overrides (providers/google/config.ts). */
  env: Env;
  /** How long the user has to finish in the browser (default 5 minutes, as the CLI). */
  timeoutMs?: number;
}

interface Pending {
  id: string;
  abort: AbortController;
  /** Set when we end it ourselves (cancel, replacement, timeout): the reason the event reports. */
  reason: SignInFailureReason | null;
  done: Promise<void>;
}

interface SignInState {
  options: GoogleSignInOptions;
  pending: Pending | null;
}

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export const noClientMessage =
  'No Google OAuth client is configured. Create one (Google Cloud console → APIs & Services → Credentials → OAuth client ID, type “Desktop app”; README, “Google”) and enter its client ID and secret, or start Concord with CONCORD_GOOGLE_CLIENT_ID and CONCORD_GOOGLE_CLIENT_SECRET set.';

const states = new WeakMap<EngineContext, SignInState>();

/** Called once by createEngine: where this engine's sign-ins find the OAuth client and endpoints. */
export function enableGoogleSignIn(ctx: EngineContext, options: GoogleSignInOptions): void {
  states.set(ctx, { options, pending: null });
}

function stateOf(ctx: EngineContext): SignInState {
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = { options: { env: {} }, pending: null }));
  return state;
}

/** Ends the pending sign-in (engine shutdown): its loopback port is closed. */
export function stopGoogleSignIn(ctx: EngineContext): Promise<void> {
  const pending = states.get(ctx)?.pending;
  if (!pending) return Promise.resolve();
  pending.reason ??= 'cancelled';
  pending.abort.abort(new Error('cancelled'));
  return pending.done;
}

function configFor(google: typeof GoogleProvider, env: Env, p: ValidParams<'accounts.signInGoogle'>): GoogleConfig {
  try {
    return google.googleConfigFromEnv(env, { clientId: p.clientId ?? '', clientSecret: p.clientSecret ?? '' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // config.ts's two "No Google OAuth client … configured" errors: say how to configure one.
    throw new ConcordError('INVALID_PARAMS', /OAuth client/.test(message) ? noClientMessage : message);
  }
}

/** Why a sign-in failed, for the event (the UI words it by reason; the message is detail). */
function failureOf(pending: Pending, error: unknown, timeoutMs: number): { reason: SignInFailureReason; code: ErrorCode; message: string } {
  if (pending.reason === 'timeout') {
    return { reason: 'timeout', code: 'CANCELLED', message: `Google sign-in was not finished within ${Math.round(timeoutMs / 60_000)} minutes: start it again and finish in the browser.` };
  }
  if (pending.reason !== null) return { reason: pending.reason, code: 'CANCELLED', message: 'Google sign-in was cancelled.' };
  if (error instanceof ConcordError) return { reason: 'failed', code: error.code, message: error.message };
  if (isProviderError(error)) {
    // oauth.ts words a refused consent "… not completed (access_denied) …" (RFC 6749 §4.1.2.1).
    if (error.kind === 'auth' && /\baccess_denied\b/.test(error.message)) return { reason: 'denied', code: 'AUTH_REQUIRED', message: error.message };
    return { reason: 'failed', code: error.kind === 'auth' ? 'AUTH_REQUIRED' : 'PROVIDER_ERROR', message: `Google: ${error.message}` };
  }
  return { reason: 'failed', code: 'INTERNAL', message: 'Google sign-in failed unexpectedly.' };
}

/** Resolves once no dry run holds the database: an account added inside one would be rolled back. */
async function untilNotPreviewing(ctx: EngineContext): Promise<void> {
  while (ctx.sync.previewing) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function addAccount(ctx: EngineContext, p: ValidParams<'accounts.signInGoogle'>, config: GoogleConfig, grant: GoogleGrant) {
  const secret: GoogleSecret = { clientId: config.clientId, clientSecret: config.clientSecret, refreshToken: grant.refreshToken };
  await untilNotPreviewing(ctx);
  return accountHandlers['accounts.add'](
    {
      kind: 'google',
      name: p.name,
      url: null,
      username: p.username,
      path: null,
      secret: JSON.stringify(secret),
      direction: p.direction,
      defaultRegion: p.defaultRegion,
      conflictPolicy: p.conflictPolicy,
      priority: p.priority,
    },
    ctx,
  );
}

export const googleSignInHandlers: DomainHandlers<'accounts.signInGoogle' | 'accounts.cancelSignIn'> = {
  'accounts.signInGoogle': async (p, ctx): Promise<GoogleSignInView> => {
    const state = stateOf(ctx);
    if (getAccountByName(ctx.db, p.name)) throw new ConcordError('ALREADY_EXISTS', `An account named “${p.name}” already exists.`);
    // Loaded on first use: the Google client libraries are large and most sessions never sign in.
    const google = await import('../providers/google/index.ts');
    const config = configFor(google, state.options.env, p);
    await stopGoogleSignIn(ctx);

    const timeoutMs = state.options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
    const abort = new AbortController();
    const pending: Pending = { id: randomUUID(), abort, reason: null, done: Promise.resolve() };
    // Our own deadline (the listener's is later): then we know a timeout from any other ending.
    const timer = setTimeout(() => {
      pending.reason ??= 'timeout';
      abort.abort(new Error('timeout'));
    }, timeoutMs);
    timer.unref();

    let gotUrl!: (url: string) => void;
    const consentUrl = new Promise<string>((resolve) => (gotUrl = resolve));
    const flow = google.signInWithBrowser(config, { openUrl: (url) => gotUrl(url), signal: abort.signal, timeoutMs: timeoutMs + 60_000 });
    let url: string;
    try {
      // The listener could not start (no port): the flow rejects before it has a URL.
      url = await Promise.race([consentUrl, flow.then(() => Promise.reject(new Error('Google sign-in ended before it started.')))]);
    } catch (error) {
      clearTimeout(timer);
      throw isProviderError(error) ? new ConcordError('PROVIDER_ERROR', `Google: ${error.message}`) : error;
    }

    state.pending = pending;
    pending.done = flow
      .then(async (grant) => {
        // Past this point cancel cannot stop it: the grant is ours and the account is added.
        clearTimeout(timer);
        const account = await addAccount(ctx, p, config, grant);
        ctx.ports.logger.info('google account signed in', { signInId: pending.id, account: account.id });
        ctx.emit('account.signedIn', { signInId: pending.id, account });
      })
      .catch((error: unknown) => {
        const failure = failureOf(pending, error, timeoutMs);
        if (failure.code === 'INTERNAL') ctx.ports.logger.error('google sign-in failed', { signInId: pending.id, error: String(error) });
        else ctx.ports.logger.info('google sign-in ended', { signInId: pending.id, reason: failure.reason, code: failure.code });
        ctx.emit('account.signInFailed', { signInId: pending.id, ...failure });
      })
      .finally(() => {
        clearTimeout(timer);
        if (state.pending === pending) state.pending = null;
      });

    let opened = false;
    if (ctx.ports.openUrl) {
      try {
        await ctx.ports.openUrl(url);
        opened = true;
      } catch (error) {
        // Not fatal: the UI opens the link itself and shows it.
        ctx.ports.logger.warn('could not open the Google sign-in page in the browser', { error: String(error) });
      }
    }
    return { signInId: pending.id, url, opened, expiresAt: new Date(ctx.ports.clock.now() + timeoutMs).toISOString() };
  },

  'accounts.cancelSignIn': async (p, ctx) => {
    const pending = states.get(ctx)?.pending;
    if (!pending || pending.id !== p.signInId) return { cancelled: false };
    await stopGoogleSignIn(ctx);
    return { cancelled: true };
  },
};
