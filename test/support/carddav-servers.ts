// Starts real CardDAV servers (Radicale 3.1.8, Xandikos 0.2.8 from Debian) for integration tests.
// Invariants: every server runs on 127.0.0.1 with its own free port and its own fresh mkdtemp directory
// (storage + config), so tests never share state; and no server process outlives the test process:
// stop() kills and reaps it and deletes its directory, and a process 'exit' hook SIGKILLs whatever is
// still running (plus removes its directory) if a test crashed before reaching stop().
//
// Server facts this relies on (see /work/shared/docs/carddav-icloud.md §1.2 and §8, re-checked here):
// - Radicale with `auth type = none` accepts any Basic-auth user; the principal and address-book home
//   are both /<user>/. It has no address book until one is created with extended MKCOL (RFC 5689).
// - Xandikos is single-user without authentication; `--defaults` creates the principal /user/, the
//   home /user/contacts/ and the address book /user/contacts/addressbook/. Extended MKCOL under the home
//   works too (201, answered with a DAV:mkcol-response body), but only if the XML body is sent as
//   application/xml or text/xml: without a Content-Type it answers 415.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getFreePort, LOOPBACK_HOST } from './free-port.ts';

export type CardDavServerKind = 'radicale' | 'xandikos';

export interface CardDavServer {
  readonly kind: CardDavServerKind;
  /** Server root, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly port: number;
  /** Basic-auth credentials. Radicale accepts any password; Xandikos ignores authentication entirely. */
  readonly username: string;
  readonly password: string;
  /** Absolute paths (start and end with `/`), as the server reports them in current-user-principal etc. */
  readonly principalPath: string;
  readonly addressBookHomePath: string;
  /** The temp directory holding config and storage; removed by stop(). Exposed for debugging and tests. */
  readonly dataDir: string;
  /**
   * Creates an address book `<home><name>/` with extended MKCOL and returns its absolute URL (ends in `/`).
   * `name` is the path segment (URL-encoded as needed); the display name defaults to `name`.
   */
  createAddressBook(name: string, options?: { displayName?: string }): Promise<string>;
  /** Stops the server (SIGTERM, SIGKILL after a grace period), waits for exit, deletes dataDir. Idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LIMIT = 64 * 1024;

const CARDDAV_NS = 'urn:ietf:params:xml:ns:carddav';

// ---------------------------------------------------------------------------------------------------
// Leak protection: children and directories still alive when the test process exits.

interface LiveServer {
  child: ChildProcess;
  dir: string;
}

const live = new Set<LiveServer>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous, hence SIGKILL (no time to wait for a graceful shutdown) and rmSync.
  process.on('exit', () => {
    for (const entry of live) {
      if (entry.child.exitCode === null && entry.child.signalCode === null) {
        try {
          entry.child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
      try {
        rmSync(entry.dir, { recursive: true, force: true });
      } catch {
        // best effort: the process is exiting anyway
      }
    }
    live.clear();
  });
}

// ---------------------------------------------------------------------------------------------------
// Public entry points.

/** Radicale with `auth type = none`; the test user is "alice", so everything lives under /alice/. */
export function startRadicale(): Promise<CardDavServer> {
  return startWithPortRetry({
    kind: 'radicale',
    username: 'alice',
    password: 'any-password',
    principalPath: '/alice/',
    addressBookHomePath: '/alice/',
    async prepare(dir, port) {
      const configPath = path.join(dir, 'radicale.conf');
      const config = [
        '[server]',
        `hosts = ${LOOPBACK_HOST}:${port}`,
        '',
        '[auth]',
        // Any user name/password is accepted; the Basic-auth user becomes the principal (/alice/).
        'type = none',
        '',
        '[rights]',
        // Radicale's default, stated explicitly: a user may touch only its own /<user>/ tree, like a real
        // account. Nothing stricter is configured.
        'type = owner_only',
        '',
        '[storage]',
        `filesystem_folder = ${path.join(dir, 'collections')}`,
        '',
        '[logging]',
        // Quiet: only problems reach the captured output (shown when startup fails).
        'level = warning',
        'mask_passwords = True',
        '',
      ].join('\n');
      await writeFile(configPath, config, 'utf8');
      return { command: process.env.RADICALE_BIN ?? 'radicale', args: ['--config', configPath] };
    },
  });
}

/**
 * Xandikos with `--defaults`: principal /user/, home /user/contacts/, default book
 * /user/contacts/addressbook/. createAddressBook() makes additional books under /user/contacts/.
 */
export function startXandikos(): Promise<CardDavServer> {
  return startWithPortRetry({
    kind: 'xandikos',
    // Xandikos has no authentication; these are sent anyway so client code can use one code path.
    username: 'user',
    password: 'unused',
    principalPath: '/user/',
    addressBookHomePath: '/user/contacts/',
    prepare(dir, port) {
      // --defaults creates the directory itself (it implies --autocreate).
      const storage = path.join(dir, 'storage');
      return {
        command: process.env.XANDIKOS_BIN ?? 'xandikos',
        args: [
          '--defaults',
          '-d',
          storage,
          '-l',
          LOOPBACK_HOST,
          '-p',
          String(port),
          '--current-user-principal',
          '/user/',
        ],
      };
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// Process management.

interface CommandLine {
  command: string;
  args: string[];
}

interface ServerSpec {
  kind: CardDavServerKind;
  username: string;
  password: string;
  principalPath: string;
  addressBookHomePath: string;
  /** Writes whatever config the server needs into `dir` and returns the command line to run. */
  prepare(dir: string, port: number): CommandLine | Promise<CommandLine>;
}

class StartupError extends Error {
  readonly addressInUse: boolean;
  constructor(message: string, addressInUse: boolean) {
    super(message);
    this.name = 'StartupError';
    this.addressInUse = addressInUse;
  }
}

async function startWithPortRetry(spec: ServerSpec): Promise<CardDavServer> {
  try {
    return await startOnce(spec);
  } catch (error) {
    // getFreePort() closes its probe before the server binds, so another process can win the port in
    // between. One retry with a new port and a new directory covers that race; a second failure is real.
    if (error instanceof StartupError && error.addressInUse) return startOnce(spec);
    throw error;
  }
}

async function startOnce(spec: ServerSpec): Promise<CardDavServer> {
  installExitHook();
  const port = await getFreePort();
  const dir = await mkdtemp(path.join(tmpdir(), `concord-${spec.kind}-`));
  let child: ChildProcess | undefined;
  let entry: LiveServer | undefined;
  try {
    const { command, args } = await spec.prepare(dir, port);
    child = spawn(command, args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Unbuffered so that a crash's traceback is in `output` by the time we report it.
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
    entry = { child, dir };
    live.add(entry);
    const output = captureOutput(child);
    const url = `http://${LOOPBACK_HOST}:${port}/`;
    await waitUntilReady(spec.kind, child, url, port, output, [command, ...args].join(' '));
    return makeServer(spec, child, entry, url, port, dir);
  } catch (error) {
    if (child) await killAndReap(child);
    if (entry) live.delete(entry);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface OutputBuffer {
  text(): string;
}

/** Keeps the last OUTPUT_LIMIT characters of stdout+stderr (Xandikos logs every request at INFO level). */
function captureOutput(child: ChildProcess): OutputBuffer {
  let buffer = '';
  const append = (chunk: Buffer): void => {
    buffer += chunk.toString('utf8');
    if (buffer.length > OUTPUT_LIMIT) buffer = buffer.slice(buffer.length - OUTPUT_LIMIT);
  };
  // Both pipes must be drained continuously, or a chatty server blocks once the pipe buffer is full.
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { text: () => buffer };
}

async function waitUntilReady(
  kind: CardDavServerKind,
  child: ChildProcess,
  url: string,
  port: number,
  output: OutputBuffer,
  commandLine: string,
): Promise<void> {
  let spawnError: Error | undefined;
  // `on`, not `once`: a ChildProcess 'error' without a listener would crash the test process later.
  child.on('error', (error) => {
    spawnError = error;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const describe = (): string =>
    `\n  command: ${commandLine}\n  captured output:\n${indent(output.text()) || '    (none)'}`;

  while (Date.now() < deadline) {
    if (spawnError) {
      throw new StartupError(`${kind} could not be started: ${spawnError.message}${describe()}`, false);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      // Give the pipes a moment to flush the traceback that explains the exit.
      await delay(50);
      const text = output.text();
      const addressInUse = /address already in use|errno 98|EADDRINUSE/i.test(text);
      throw new StartupError(
        `${kind} exited during startup (code ${String(child.exitCode)}, signal ${String(child.signalCode)})` +
          `${addressInUse ? ` because port ${port} was taken` : ''}${describe()}`,
        addressInUse,
      );
    }
    if (await answersHttp(url)) {
      // An answer only proves that *someone* listens on the port. If another server won the port race, our
      // child is about to die with EADDRINUSE; so we also require that the listening socket is our child's.
      const owned = await pidListensOn(child.pid, port);
      if (owned !== false) return;
    }
    await delay(100);
  }
  throw new StartupError(
    `${kind} did not become ready on ${url} within ${READY_TIMEOUT_MS} ms${describe()}`,
    false,
  );
}

async function answersHttp(url: string): Promise<boolean> {
  try {
    // Any status counts (Radicale answers / with 302, Xandikos with 200); redirects are not followed.
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Linux: true if process `pid` holds the socket listening on 127.0.0.1:port (via /proc/net/tcp inodes and
 * /proc/PID/fd links); undefined if /proc is unavailable, in which case the caller trusts the HTTP answer.
 * Both servers exec their Python interpreter directly, so the listening process is the spawned pid.
 */
async function pidListensOn(pid: number | undefined, port: number): Promise<boolean | undefined> {
  if (pid === undefined) return false;
  let table: string;
  let fds: string[];
  try {
    table = await readFile('/proc/net/tcp', 'utf8');
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const wantedAddress = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const line of table.split('\n').slice(1)) {
    // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    const fields = line.trim().split(/\s+/);
    if (fields[1] === wantedAddress && fields[3] === '0A' /* LISTEN */ && fields[9]) inodes.add(fields[9]);
  }
  if (inodes.size === 0) return false;
  for (const fd of fds) {
    try {
      const target = await readlink(`/proc/${pid}/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match?.[1] && inodes.has(match[1])) return true;
    } catch {
      // fd closed while we were looking
    }
  }
  return false;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

async function killAndReap(child: ChildProcess): Promise<void> {
  if (exited(child) || child.pid === undefined) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  await waitForExit(child, STOP_GRACE_MS);
}

// ---------------------------------------------------------------------------------------------------
// The server handle.

function makeServer(
  spec: ServerSpec,
  child: ChildProcess,
  entry: LiveServer,
  url: string,
  port: number,
  dir: string,
): CardDavServer {
  let stopping: Promise<void> | undefined;
  const authorization = `Basic ${Buffer.from(`${spec.username}:${spec.password}`, 'utf8').toString('base64')}`;

  return {
    kind: spec.kind,
    url,
    port,
    username: spec.username,
    password: spec.password,
    principalPath: spec.principalPath,
    addressBookHomePath: spec.addressBookHomePath,
    dataDir: dir,

    async createAddressBook(name, options) {
      if (name === '' || name.includes('/')) {
        throw new Error(`createAddressBook: name must be a single non-empty path segment, got ${JSON.stringify(name)}`);
      }
      const collectionUrl = new URL(`${spec.addressBookHomePath}${encodeURIComponent(name)}/`, url).href;
      const body =
        '<?xml version="1.0" encoding="utf-8"?>\n' +
        `<D:mkcol xmlns:D="DAV:" xmlns:C="${CARDDAV_NS}"><D:set><D:prop>` +
        '<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>' +
        `<D:displayname>${escapeXml(options?.displayName ?? name)}</D:displayname>` +
        '</D:prop></D:set></D:mkcol>';
      const response = await fetch(collectionUrl, {
        method: 'MKCOL',
        // Xandikos answers 415 to an XML body without an XML Content-Type; Radicale does not care.
        headers: { Authorization: authorization, 'Content-Type': 'application/xml; charset=utf-8' },
        body,
      });
      const text = await response.text();
      // Both servers answer 201 Created (Xandikos with a DAV:mkcol-response body, Radicale with none);
      // an existing collection gives 405.
      if (response.status !== 201) {
        throw new Error(`${spec.kind}: MKCOL ${collectionUrl} failed with ${response.status}: ${text.slice(0, 500)}`);
      }
      return collectionUrl;
    },

    stop() {
      stopping ??= (async () => {
        await killAndReap(child);
        live.delete(entry);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Small helpers.

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `    ${line}`)
    .join('\n');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
