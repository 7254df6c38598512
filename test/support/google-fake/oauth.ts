// Google's OAuth 2.0 endpoints for an installed (desktop) app, as the fake serves them (doc §9, §11 55–58):
// GET /o/oauth2/v2/auth (consent is automatic: 302 to the loopback redirect_uri with code/state/scope),
// POST /token (authorization_code with PKCE, refresh_token), POST /revoke, GET|POST /tokeninfo.
// Invariants: client_secret is required even with PKCE (§9.1); codes are single-use, bound to client,
// redirect_uri and code_challenge; refresh tokens are issued only for access_type=offline on first consent
// or prompt=consent; access tokens expire on the fake clock; a revoked or expired grant answers
// `400 {"error":"invalid_grant","error_description":"Token has been expired or revoked."}` (§9.1).
// Access tokens expire on *real* time, not the fake clock: the client library decides when to refresh from
// its own Date.now(), so a clock.advance() that silently killed access tokens would produce 401s no real
// client could meet. Use expireAccessTokens() to expire them; refresh-token lifetime uses the fake clock.

import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeClock } from './clock.ts';
import { OAuthError } from './errors.ts';
import { sendHtml, sendJson } from './http.ts';

export const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts';
export const CONTACTS_READONLY_SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';

interface CodeGrant {
  redirectUri: string;
  scopes: string[];
  challenge: string | undefined;
  challengeMethod: 'S256' | 'plain';
  expiresAt: number;
  issueRefresh: boolean;
}

interface Grant {
  scopes: string[];
  revoked: boolean;
  refreshToken: string | undefined;
  refreshExpiresAt: number | undefined;
}

interface AccessToken {
  grant: Grant;
  expiresAt: number;
}

export type BearerCheck =
  | { ok: true; scopes: readonly string[] }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

const random = (n: number) => randomBytes(n).toString('base64url');

export class OAuthServer {
  readonly clientId = `${randomBytes(6).readUIntBE(0, 6)}-${randomBytes(16).toString('hex')}.apps.googleusercontent.com`;
  readonly clientSecret = `GOCSPX-${random(21)}`;
  /** Google answers expires_in 3599 (§11 item 56). */
  accessTokenTtlSeconds = 3599;
  /** Refresh-token lifetime; undefined = unlimited. 7 days reproduces "Testing" publishing status (§9.1). */
  refreshTokenTtlMs: number | undefined = undefined;
  /** One-shot behaviour of the next consent screen: the user denies, or grants only some scopes (§9.1). */
  nextAuthorization: { deny?: boolean; grantScopes?: string[] } | undefined = undefined;

  private readonly clock: FakeClock;
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private consented = false;

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  /** Validates `Authorization: Bearer …` (or the access_token query parameter) for an API call. */
  verify(token: string | undefined): BearerCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const entry = this.accessTokens.get(token);
    if (!entry || entry.grant.revoked) return { ok: false, reason: 'invalid' };
    if (entry.expiresAt <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, scopes: entry.grant.scopes };
  }

  /** Switch: every access token issued so far is expired now (refresh tokens stay valid). */
  expireAccessTokens(): void {
    const now = Date.now();
    for (const entry of this.accessTokens.values()) entry.expiresAt = Math.min(entry.expiresAt, now);
  }

  /** Switch: the user revoked the app (or the refresh token died): every grant and token is dead. */
  revokeGrants(): void {
    for (const grant of this.refreshTokens.values()) grant.revoked = true;
    for (const entry of this.accessTokens.values()) entry.grant.revoked = true;
  }

  /** Test shortcut around the browser flow: a fresh offline grant, as the token endpoint would return it. */
  issueTokens(scopes: readonly string[] = [CONTACTS_SCOPE]): TokenSet {
    return this.issue({ scopes: [...scopes], revoked: false, refreshToken: undefined, refreshExpiresAt: undefined }, true);
  }

  authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const clientId = q.get('client_id');
    if (!clientId || clientId !== this.clientId) {
      return sendHtml(res, 401, 'Error 401: invalid_client', 'The OAuth client was not found.');
    }
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri) return sendHtml(res, 400, 'Error 400: invalid_request', 'Missing required parameter: redirect_uri');
    if (!isLoopback(redirectUri)) {
      return sendHtml(res, 400, 'Error 400: redirect_uri_mismatch', `redirect_uri=${redirectUri} is not a loopback address registered for this desktop client.`);
    }
    const responseType = q.get('response_type');
    if (!responseType) return sendHtml(res, 400, 'Error 400: invalid_request', 'Missing required parameter: response_type');
    if (responseType !== 'code') return sendHtml(res, 400, 'Error 400: invalid_request', `Invalid response_type: ${responseType}`);
    const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0) return sendHtml(res, 400, 'Error 400: invalid_request', 'Missing required parameter: scope');
    const bad = scopes.find((s) => !/^(https:\/\/www\.googleapis\.com\/auth\/[\w.]+|openid|email|profile)$/.test(s));
    if (bad) return sendHtml(res, 400, 'Error 400: invalid_scope', `Some requested scopes were invalid. {invalid=[${bad}]}`);
    const challenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method') ?? undefined;
    if (method !== undefined && challenge === undefined) return sendHtml(res, 400, 'Error 400: invalid_request', 'Missing code_challenge.');
    if (method !== undefined && method !== 'S256' && method !== 'plain') return sendHtml(res, 400, 'Error 400: invalid_request', `Invalid code_challenge_method: ${method}`);
    if (challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) return sendHtml(res, 400, 'Error 400: invalid_request', 'Invalid code_challenge.');
    const accessType = q.get('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') return sendHtml(res, 400, 'Error 400: invalid_request', `Invalid access_type: ${accessType}`);
    const prompts = (q.get('prompt') ?? '').split(/\s+/).filter(Boolean);
    if (prompts.some((p) => !['none', 'consent', 'select_account'].includes(p))) return sendHtml(res, 400, 'Error 400: invalid_request', 'Invalid prompt.');

    const behaviour = this.nextAuthorization;
    this.nextAuthorization = undefined;
    const target = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) target.searchParams.set('state', state);
    if (behaviour?.deny) {
      target.searchParams.set('error', 'access_denied');
    } else {
      const granted = behaviour?.grantScopes ? scopes.filter((s) => behaviour.grantScopes?.includes(s)) : scopes;
      const code = `4/0A${random(60)}`;
      const offline = accessType === 'offline';
      this.codes.set(code, {
        redirectUri,
        scopes: granted,
        challenge,
        challengeMethod: method === 'S256' ? 'S256' : 'plain',
        expiresAt: this.clock.now() + 10 * 60_000,
        issueRefresh: offline && (!this.consented || prompts.includes('consent')),
      });
      if (offline) this.consented = true;
      target.searchParams.set('code', code);
      target.searchParams.set('scope', granted.join(' '));
    }
    res.writeHead(302, { Location: target.toString(), 'Content-Length': 0 });
    res.end();
  }

  token(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    try {
      const form = parseForm(req, body);
      this.authenticateClient(req, form);
      const grantType = form.get('grant_type') ?? '';
      let tokens: TokenSet;
      if (grantType === 'authorization_code') tokens = this.exchangeCode(form);
      else if (grantType === 'refresh_token') tokens = this.refresh(form);
      else throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
      sendJson(res, 200, tokens, { 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendJson(res, error.httpStatus, error.body());
    }
  }

  revoke(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const token = url.searchParams.get('token') ?? parseForm(req, body).get('token') ?? '';
    const grant = this.refreshTokens.get(token) ?? this.accessTokens.get(token)?.grant;
    if (!grant || grant.revoked) {
      sendJson(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
      return;
    }
    grant.revoked = true;
    sendJson(res, 200, {});
  }

  tokenInfo(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = url.searchParams.get('access_token') ?? bearer ?? parseForm(req, body).get('access_token') ?? '';
    const entry = this.accessTokens.get(token);
    const check = this.verify(token);
    if (!entry || !check.ok) {
      sendJson(res, 400, { error: 'invalid_token', error_description: 'Invalid Value' });
      return;
    }
    const expiresIn = Math.floor((entry.expiresAt - Date.now()) / 1000);
    sendJson(res, 200, {
      azp: this.clientId,
      aud: this.clientId,
      scope: entry.grant.scopes.join(' '),
      exp: String(Math.floor(entry.expiresAt / 1000)),
      expires_in: String(expiresIn),
      access_type: entry.grant.refreshToken ? 'offline' : 'online',
    });
  }

  private authenticateClient(req: IncomingMessage, form: URLSearchParams): void {
    let clientId = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id, pw] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(pw ?? '');
    }
    if (!clientId) throw new OAuthError(400, 'invalid_request', 'Could not determine client ID from request.');
    if (clientId !== this.clientId) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    // §9.1: Desktop clients must send the secret even with PKCE.
    if (!secret) throw new OAuthError(400, 'invalid_request', 'client_secret is missing.');
    if (secret !== this.clientSecret) throw new OAuthError(401, 'invalid_client', 'Unauthorized');
  }

  private exchangeCode(form: URLSearchParams): TokenSet {
    const code = form.get('code');
    if (!code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
    const grant = this.codes.get(code);
    if (!grant || grant.expiresAt <= this.clock.now()) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    this.codes.delete(code); // single use
    if (form.get('redirect_uri') !== grant.redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = form.get('code_verifier');
    if (grant.challenge !== undefined) {
      if (!verifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      const computed = grant.challengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (computed !== grant.challenge) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    return this.issue({ scopes: grant.scopes, revoked: false, refreshToken: undefined, refreshExpiresAt: undefined }, grant.issueRefresh);
  }

  private refresh(form: URLSearchParams): TokenSet {
    const token = form.get('refresh_token');
    if (!token) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = this.refreshTokens.get(token);
    const expired = grant?.refreshExpiresAt !== undefined && grant.refreshExpiresAt <= this.clock.now();
    if (!grant || grant.revoked || expired) throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    return this.issue(grant, false);
  }

  private issue(grant: Grant, withRefresh: boolean): TokenSet {
    const accessToken = `ya29.${random(120)}`;
    this.accessTokens.set(accessToken, { grant, expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000 });
    const tokens: TokenSet = {
      access_token: accessToken,
      expires_in: this.accessTokenTtlSeconds,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    };
    if (withRefresh) {
      grant.refreshToken = `1//0${random(75)}`;
      grant.refreshExpiresAt = this.refreshTokenTtlMs === undefined ? undefined : this.clock.now() + this.refreshTokenTtlMs;
      this.refreshTokens.set(grant.refreshToken, grant);
      tokens.refresh_token = grant.refreshToken;
    }
    return tokens;
  }
}

/** Loopback redirect URIs a Desktop client may use: http, 127.0.0.1 / [::1] / localhost, any port (§9.1). */
function isLoopback(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname) && u.hash === '';
  } catch {
    return false;
  }
}

function parseForm(req: IncomingMessage, body: Buffer): URLSearchParams {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(json).map(([k, v]) => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body.toString('utf8'));
}
