// Opens the engine for one CLI command on a data folder: the headless ports (settings and secrets
// files, log lines in <dataDir>/concord.log), the source factories (Google, CardDAV and folder
// accounts) and an in-process client, exactly as `concord serve` and the desktop app use them.
// Invariant: a database another process keeps busy past SQLite's busy timeout is reported as one
// clear sentence (BUSY), never as an internal error; nothing is written before the engine opened.
import { join } from 'node:path';
import { createClient } from '../../shared/api/client.ts';
import type { ConcordClient } from '../../shared/api/client.ts';
import { ConcordError } from '../../shared/api/errors.ts';
import { accountKinds } from '../../shared/model/account.ts';
import type { AccountKind } from '../../shared/model/account.ts';
import { inProcessTransport } from '../engine/api/in-process.ts';
import { createEngine } from '../engine/index.ts';
import type { Engine } from '../engine/index.ts';
import type { SourceFactories, SourceFactory } from '../engine/sync/sources.ts';
import { headlessPorts, LOG_FILE, logLevelFromEnv } from './file-ports.ts';
import { appVersion } from './version.ts';

export interface EngineSession {
  engine: Engine;
  client: ConcordClient;
  /** Where this session's log lines go (null: stderr). */
  logPath: string | null;
  /** Whether something logged since opening says the database was locked by another process. */
  sawBusyDatabase(): boolean;
  close(): void;
}

const busyPattern = /SQLITE_BUSY|database is locked/i;

export function isBusyDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || (error instanceof Error && busyPattern.test(error.message));
}

export function busyDatabase(dataDir: string): ConcordError {
  return new ConcordError('BUSY', `The Concord database in ${dataDir} is busy: another Concord process kept it locked. Try again when it has finished.`);
}

/** Every kind of account the headless host can sync (loaded on demand: the Google client is large). */
export async function headlessSources(env: NodeJS.ProcessEnv): Promise<SourceFactories> {
  const { defaultSourceFactories } = await import('../engine/providers/registry.ts');
  return defaultSourceFactories(env);
}

/**
 * The same factories, loaded on the first sync: the Google and CardDAV clients take a third of a
 * command's start-up, and most commands (status, contacts, conflicts …) never reach a server.
 */
export function lazySources(env: NodeJS.ProcessEnv): SourceFactories {
  let loading: Promise<SourceFactories> | null = null;
  const factory =
    (kind: AccountKind): SourceFactory =>
    async (account, secret, context) => {
      const real = (await (loading ??= headlessSources(env)))[kind];
      if (!real) throw new ConcordError('PROVIDER_ERROR', `Syncing ${kind} accounts is not available in this version of Concord.`);
      return real(account, secret, context);
    };
  return Object.fromEntries(accountKinds.filter((k) => k !== 'memory').map((k) => [k, factory(k)]));
}

export function openEngine(dataDir: string, env: NodeJS.ProcessEnv, log: 'file' | 'stderr'): EngineSession {
  let busy = false;
  const ports = headlessPorts(dataDir, env, {
    log,
    observe: (_level, message, details) => {
      if (busyPattern.test(message) || (details && busyPattern.test(JSON.stringify(details)))) busy = true;
    },
  });
  let engine: Engine;
  try {
    engine = createEngine(ports, { dataDir, host: 'headless', version: appVersion, sources: lazySources(env), google: { env } });
  } catch (error) {
    if (isBusyDatabase(error)) throw busyDatabase(dataDir);
    throw error;
  }
  return {
    engine,
    client: createClient(inProcessTransport(engine)),
    logPath: log === 'file' && logLevelFromEnv(env) === null ? join(dataDir, LOG_FILE) : null,
    sawBusyDatabase: () => busy,
    close: () => engine.close(),
  };
}
