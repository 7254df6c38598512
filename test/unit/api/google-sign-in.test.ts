// accounts.signInGoogle / accounts.cancelSignIn against the Google fake's real OAuth endpoints: the
// method answers at once with the consent URL; a "browser" (fetch, which follows the fake's
// auto-approving 302 to our loopback listener) finishes it; the account then exists with its
// refresh token in the SecretStore and account.signedIn is emitted. Cancel, timeout, denial,
// replacement and engine shutdown each end it with account.signInFailed and a closed port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client.ts';
import type { ConcordClient } from '../../../shared/api/client.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { AnyEventMessage, EventMap } from '../../../shared/api/events.ts';
import { inProcessTransport } from '../../../electron/engine/api/in-process.ts';
import { createEngine } from '../../../electron/engine/index.ts';
import type { Engine } from '../../../electron/engine/index.ts';
import { memoryPorts, memorySecrets } from '../../../electron/engine/ports-memory.ts';
import type { Ports } from '../../../electron/engine/ports.ts';
import { defaultSourceFactories } from '../../../electron/engine/providers/registry.ts';
import { startGoogleFake } from '../../support/google-fake/index.ts';
import type { GoogleFake } from '../../support/google-fake/index.ts';

let fake: GoogleFake;
let dataDir: string;
const engines: Engine[] = [];

beforeEach(async () => {
  fake = await startGoogleFake({ seed: 4 });
  dataDir = mkdtempSync(join(tmpdir(), 'concord-signin-'));
});
afterEach(async () => {
  for (const e of engines.splice(0)) e.close();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The fake's endpoints, and (unless `client: false`) its OAuth client, as the host's environment. */
function envFor(f: GoogleFake, client = true): Record<string, string> {
  return {
    CONCORD_GOOGLE_API_ROOT: f.rootUrl,
    CONCORD_GOOGLE_TOKEN_URL: f.tokenUrl,
    CONCORD_GOOGLE_AUTH_URL: f.authUrl,
    ...(client && { CONCORD_GOOGLE_CLIENT_ID: f.clientId, CONCORD_GOOGLE_CLIENT_SECRET: f.clientSecret }),
  };
}

interface Harness {
  engine: Engine;
  client: ConcordClient;
  ports: Ports & { secrets: ReturnType<typeof memorySecrets> };
  events: AnyEventMessage[];
  /** The next `event` whose signInId is `id`. */
  next<E extends 'account.signedIn' | 'account.signInFailed'>(event: E, id: string): Promise<EventMap[E]>;
}

function start(options: { env?: Record<string, string>; timeoutMs?: number; ports?: Partial<Ports> } = {}): Harness {
  const secrets = memorySecrets();
  const ports = memoryPorts({ clock: { now: () => Date.now() }, secrets, ...options.ports }) as Harness['ports'];
  const env = options.env ?? envFor(fake);
  const engine = createEngine(ports, {
    dataDir,
    host: 'test',
    version: '0.0.0-test',
    databasePath: ':memory:',
    sources: defaultSourceFactories(env),
    google: { env, ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) },
  });
  engines.push(engine);
  const events: AnyEventMessage[] = [];
  engine.subscribe((m) => events.push(m));
  const next: Harness['next'] = (event, id) =>
    new Promise((resolve) => {
      const stop = engine.subscribe((m) => {
        if (m.event === event && (m.payload as { signInId: string }).signInId === id) {
          stop();
          resolve(m.payload as never);
        }
      });
    });
  return { engine, client: createClient(inProcessTransport(engine)), ports, events, next };
}

/** Plays the browser: loads the consent page, whose 302 lands on the loopback listener. */
async function browse(url: string): Promise<void> {
  await (await fetch(url)).text();
}

const redirectOf = (url: string): string => new URL(url).searchParams.get('redirect_uri') ?? '';

async function failureOf(promise: Promise<unknown>): Promise<ConcordError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConcordError);
  return error as ConcordError;
}

describe('accounts.signInGoogle', () => {
  it('answers at once with the consent URL; the redirect adds the account with its refresh token and emits account.signedIn', async () => {
    const h = start();
    const started = await h.client.call('accounts.signInGoogle', { name: 'Google', conflictPolicy: 'newest', defaultRegion: 'CN' });
    expect(started.opened).toBe(false); // no host port: the UI opens it
    expect(`${new URL(started.url).origin}${new URL(started.url).pathname}`).toBe(fake.authUrl);
    expect(new URL(redirectOf(started.url)).hostname).toBe('127.0.0.1');
    expect(Date.parse(started.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    // Nothing is added before the browser comes back.
    expect(await h.client.call('accounts.list')).toEqual([]);

    const signedIn = h.next('account.signedIn', started.signInId);
    await browse(started.url);
    const { account } = await signedIn;
    expect(account).toMatchObject({ kind: 'google', name: 'Google', settings: { conflictPolicy: 'newest', defaultRegion: 'CN', direction: 'two-way' } });
    expect((await h.client.call('accounts.list')).map((a) => a.id)).toEqual([account.id]);
    const secret = JSON.parse(h.ports.secrets.values.get(`account/${account.id}`) ?? '{}') as Record<string, string>;
    expect(secret).toMatchObject({ clientId: fake.clientId, clientSecret: fake.clientSecret });
    expect(secret.refreshToken).toMatch(/^1\/\/0/);
    expect(h.events.some((m) => m.event === 'accounts.changed')).toBe(true);
    // The listener is gone, and the stored grant really syncs: the fake's four contacts arrive.
    await expect(fetch(redirectOf(started.url))).rejects.toThrow();
    const summary = await h.client.call('sync.run', { accountIds: [account.id] });
    expect(summary.created).toBe(4);
  });

  it('takes the OAuth client from the form when the host has none', async () => {
    const h = start({ env: envFor(fake, false) });
    const started = await h.client.call('accounts.signInGoogle', { name: 'Mine', clientId: fake.clientId, clientSecret: fake.clientSecret });
    const signedIn = h.next('account.signedIn', started.signInId);
    await browse(started.url);
    expect((await signedIn).account.name).toBe('Mine');
  });

  it('without an OAuth client anywhere: INVALID_PARAMS saying how to configure one, and no listener', async () => {
    const h = start({ env: envFor(fake, false) });
    const error = await failureOf(h.client.call('accounts.signInGoogle', { name: 'Google' }));
    expect(error.code).toBe('INVALID_PARAMS');
    expect(error.message).toContain('No Google OAuth client is configured');
    expect(error.message).toContain('CONCORD_GOOGLE_CLIENT_ID');
    expect(fake.state.counters.get('oauth.authorize')).toBe(0);
  });

  it('refuses a name already taken before anything starts', async () => {
    const h = start();
    await h.client.call('accounts.add', { kind: 'memory', name: 'Google' });
    expect((await failureOf(h.client.call('accounts.signInGoogle', { name: 'google' }))).code).toBe('ALREADY_EXISTS');
  });

  it('cancel frees the loopback port and emits signInFailed (cancelled); nothing is added', async () => {
    const h = start();
    const started = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    const redirect = redirectOf(started.url);
    // Listening now: a request without code is answered 404 (loopback.ts), not refused.
    expect((await fetch(`${redirect}/favicon.ico`)).status).toBe(404);
    const failed = h.next('account.signInFailed', started.signInId);
    expect(await h.client.call('accounts.cancelSignIn', { signInId: started.signInId })).toEqual({ cancelled: true });
    expect(await failed).toMatchObject({ reason: 'cancelled', code: 'CANCELLED' });
    await expect(fetch(`${redirect}/favicon.ico`)).rejects.toThrow();
    expect(await h.client.call('accounts.cancelSignIn', { signInId: started.signInId })).toEqual({ cancelled: false });
    expect(await h.client.call('accounts.list')).toEqual([]);
  });

  it('times out: signInFailed (timeout) and the port is freed', async () => {
    const h = start({ timeoutMs: 300 });
    const started = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    const failure = await h.next('account.signInFailed', started.signInId);
    expect(failure.reason).toBe('timeout');
    expect(failure.message).toContain('not finished');
    await expect(fetch(redirectOf(started.url))).rejects.toThrow();
    expect(await h.client.call('accounts.list')).toEqual([]);
  });

  it('a denied consent is reported as denied', async () => {
    const h = start();
    fake.state.oauth.nextAuthorization = { deny: true };
    const started = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    const failed = h.next('account.signInFailed', started.signInId);
    await browse(started.url);
    expect(await failed).toMatchObject({ reason: 'denied', code: 'AUTH_REQUIRED' });
    expect(await h.client.call('accounts.list')).toEqual([]);
  });

  it('one pending sign-in per engine: a second one replaces the first, whose port closes', async () => {
    const h = start();
    const first = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    const firstFailed = h.next('account.signInFailed', first.signInId);
    const second = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    expect((await firstFailed).reason).toBe('cancelled');
    await expect(fetch(redirectOf(first.url))).rejects.toThrow();
    const signedIn = h.next('account.signedIn', second.signInId);
    await browse(second.url);
    expect((await signedIn).account.name).toBe('Google');
  });

  it('a host that opens the URL itself (Ports.openUrl) is reported as opened; a failing one is not fatal', async () => {
    const h = start({ ports: { openUrl: (url) => browse(url) } });
    const started = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    expect(started.opened).toBe(true);
    await expect.poll(async () => (await h.client.call('accounts.list')).length).toBe(1);

    const broken = start({ ports: { openUrl: () => Promise.reject(new Error('no browser')) } });
    const again = await broken.client.call('accounts.signInGoogle', { name: 'Google' });
    expect(again.opened).toBe(false);
    await broken.client.call('accounts.cancelSignIn', { signInId: again.signInId });
  });

  it('closing the engine frees the port of a pending sign-in', async () => {
    const h = start();
    const started = await h.client.call('accounts.signInGoogle', { name: 'Google' });
    h.engine.close();
    await expect.poll(() => fetch(redirectOf(started.url)).then(() => 'open', () => 'closed')).toBe('closed');
  });
});
