// Routes `/v1/...` People API requests and runs the per-request pipeline (doc §1.1, §8, §11 items 1–4):
//   match route → count → bearer auth (401/403) → injected faults (429/503) → query-parameter binding
//   → concurrent-mutation penalty (409/503) → quota charge (429) → handler → JSON (defaults pruned).
// Invariants: paths are served at the host root exactly as the googleapis client emits them (colon custom
// methods, `{+resourceName}` with a literal `/`); every error leaves as the AIP-193 body of errors.ts;
// a route that exists in Google's API but not in the fake answers 501 rather than pretending.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errorInfo, invalidArgument } from './errors.ts';
import { sendHtml, sendJson } from './http.ts';
import { CONTACTS_READONLY_SCOPE, CONTACTS_SCOPE } from './oauth.ts';
import { Query } from './params.ts';
import { prune } from './person-render.ts';
import type { Costs } from './quotas.ts';
import { costOf } from './quotas.ts';
import type { FakeState } from './state.ts';

export interface RequestContext {
  state: FakeState;
  query: Query;
  /** The `{+resourceName}` path parameter, if the route has one. */
  resourceName: string;
  body: Record<string, unknown>;
}

export interface Route {
  /** googleapis method name: 'people.connections.list', 'contactGroups.members.modify', … */
  name: string;
  /** gRPC method for ErrorInfo metadata, e.g. 'google.people.v1.PeopleService.ListConnections'. */
  rpc: string;
  httpMethod: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Matches the path after `/v1/`; group 1 (if any) is the resource name. */
  pattern: RegExp;
  /** Query parameters the method defines (besides Google's system parameters). */
  params: readonly string[];
  write: boolean;
  mutation: boolean;
  /** Extra quota inputs (batch sizes, full-sync first page); default costOf(name). */
  costs?: (ctx: RequestContext) => Costs;
  handle: (ctx: RequestContext) => unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function dispatchApi(
  routes: readonly Route[],
  state: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawBody: Buffer,
): Promise<void> {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice('/v1/'.length));
  } catch {
    return sendHtml(res, 400, 'Error 400 (Bad Request)', 'Malformed URL.');
  }
  const route = routes.find((r) => r.httpMethod === req.method && r.pattern.test(path));
  if (!route) return sendHtml(res, 404, 'Error 404 (Not Found)', `The requested URL ${url.pathname} was not found on this server.`);
  state.counters.count(route.name);
  try {
    const result = await run(route, state, req, url, path, rawBody);
    sendJson(res, 200, prune(result));
    state.counters.log.push({ method: route.name, httpMethod: route.httpMethod, path: url.pathname, status: 200 });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendJson(res, error.httpStatus, error.body(), error.headers);
    state.counters.log.push({
      method: route.name, httpMethod: route.httpMethod, path: url.pathname, status: error.httpStatus, message: error.message,
      ...(error.why ? { why: error.why } : {}),
    });
  }
}

async function run(route: Route, state: FakeState, req: IncomingMessage, url: URL, path: string, rawBody: Buffer): Promise<unknown> {
  authorize(route, state, req, url);
  const injected = state.faults.takeFailure(route.name);
  if (injected) throw injected;
  const ctx: RequestContext = {
    state,
    query: new Query(url.searchParams, route.params),
    resourceName: route.pattern.exec(path)?.[1] ?? '',
    body: parseBody(rawBody),
  };
  if (!route.mutation) {
    state.quotas.charge(route.costs ? route.costs(ctx) : costOf(route.name));
    return route.handle(ctx);
  }
  const mode = state.faults.concurrentMutations;
  if (state.inFlightMutations > 0 && mode !== 'allow') {
    // §5 / §11 item 43: overlapping mutate requests for one user fail.
    throw mode === 'abort409'
      ? new ApiError(409, 'ABORTED', 'The operation was aborted.', { why: 'concurrent mutation' })
      : new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.', { why: 'concurrent mutation' });
  }
  state.quotas.charge(route.costs ? route.costs(ctx) : costOf(route.name));
  state.inFlightMutations += 1;
  try {
    if (state.faults.mutationLatencyMs > 0) await sleep(state.faults.mutationLatencyMs);
    return route.handle(ctx);
  } finally {
    state.inFlightMutations -= 1;
  }
}

const AUTH_HELP = 'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** 401 UNAUTHENTICATED / 403 PERMISSION_DENIED as Google sends them (§8.1, §8.2, §11 item 3). */
function authorize(route: Route, state: FakeState, req: IncomingMessage, url: URL): void {
  const header = req.headers.authorization;
  const token = (header ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : undefined) ?? url.searchParams.get('access_token') ?? undefined;
  const check = state.oauth.verify(token);
  const metadata = { service: 'people.googleapis.com', method: route.rpc };
  if (!check.ok) {
    if (check.reason === 'missing') {
      throw new ApiError(401, 'UNAUTHENTICATED', `Request is missing required authentication credential. ${AUTH_HELP}`, {
        details: [errorInfo('CREDENTIALS_MISSING', 'googleapis.com', metadata)],
        headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
        why: 'no bearer token',
      });
    }
    throw new ApiError(401, 'UNAUTHENTICATED', `Request had invalid authentication credentials. ${AUTH_HELP}`, {
      details: check.reason === 'expired' ? [errorInfo('ACCESS_TOKEN_EXPIRED', 'googleapis.com', metadata)] : undefined,
      headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
      why: `${check.reason} access token`,
    });
  }
  const allowed = route.write ? [CONTACTS_SCOPE] : [CONTACTS_SCOPE, CONTACTS_READONLY_SCOPE];
  if (!check.scopes.some((s) => allowed.includes(s))) {
    throw new ApiError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', {
      details: [errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', 'googleapis.com', metadata)],
      headers: { 'WWW-Authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${allowed.join(' ')}"` },
      why: `scopes ${check.scopes.join(' ')}`,
    });
  }
}

function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidArgument('Invalid JSON payload received. Unexpected token.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object.');
  }
  return parsed as Record<string, unknown>;
}
