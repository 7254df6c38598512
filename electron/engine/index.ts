// createEngine(ports): the one way any host (Electron main, headless CLI/serve, tests) gets an
// engine. Opens the hub database in the data folder, loads settings, wires the handlers to the
// contract. Plain Node: never imports electron or electron-store (ESLint enforces it).
import { join } from 'node:path';
import type { AppInfo, MethodName } from '../../shared/api/contract.ts';
import type { AnyEventMessage, EventMap, EventName } from '../../shared/api/events.ts';
import type { Envelope } from '../../shared/api/transport.ts';
import { defaultSettings, settingsSchema } from '../../shared/model/settings.ts';
import type { Settings } from '../../shared/model/settings.ts';
import { accountHandlers } from './api/accounts.ts';
import { appHandlers } from './api/app.ts';
import { contactHandlers } from './api/contacts.ts';
import { syncHandlers } from './api/sync.ts';
import { statusHandlers } from './api/status.ts';
import { trashHandlers } from './api/trash.ts';
import { contactViewHandlers } from './api/contact-views.ts';
import { conflictChoiceHandlers } from './api/conflict-choice.ts';
import { transferHandlers } from './api/transfer.ts';
import { duplicateHandlers } from './api/duplicates.ts';
import { demoHandlers } from './api/demo.ts';
import { discoverHandlers } from './api/discover.ts';
import { restoreFieldHandlers } from './api/restore-field.ts';
import { historyChangeHandlers } from './api/history-changes.ts';
import { enableGoogleSignIn, googleSignInHandlers, stopGoogleSignIn } from './api/google-sign-in.ts';
import type { GoogleSignInOptions } from './api/google-sign-in.ts';
import { createSyncRunner } from './sync/run.ts';
import type { SyncRunner } from './sync/run.ts';
import type { SourceFactories } from './sync/sources.ts';
import type { EngineContext } from './api/context.ts';
import { createDispatcher } from './api/dispatch.ts';
import type { Handlers } from './api/handlers.ts';
import type { WritableDb } from './db/handle.ts';
import { openDatabase } from './db/open.ts';
import type { Ports } from './ports.ts';

export const DATABASE_FILE = 'concord.sqlite3';

export interface EngineOptions {
  /** Folder for the database (and, for the headless host, settings and secrets). */
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** Overrides `<dataDir>/concord.sqlite3`; ':memory:' for tests. */
  databasePath?: string;
  /** How to reach each kind of account (the host wires CardDAV and Google; tests add memory sources). */
  sources?: SourceFactories;
  /** Google sign-in from the UI: the host's environment (OAuth client, endpoints); none configured when omitted. */
  google?: GoogleSignInOptions;
}

export interface Engine {
  dispatch(method: string, params: unknown): Promise<Envelope>;
  subscribe(listener: (message: AnyEventMessage) => void): () => void;
  /** For engine-internal callers in the same process (sync, tray): the same context handlers use. */
  readonly context: EngineContext;
  close(): void;
}

export const handlers: Handlers = {
  ...appHandlers,
  ...accountHandlers,
  ...contactHandlers,
  ...syncHandlers,
  ...statusHandlers,
  ...trashHandlers,
  ...contactViewHandlers,
  ...conflictChoiceHandlers,
  ...transferHandlers,
  ...duplicateHandlers,
  ...demoHandlers,
  ...discoverHandlers,
  ...restoreFieldHandlers,
  ...historyChangeHandlers,
  ...googleSignInHandlers,
};

/** Methods that never write the database (safe while a dry run holds its transaction). */
const readOnlyMethods: ReadonlySet<MethodName> = new Set<MethodName>([
  'app.info',
  'accounts.list',
  'contacts.list',
  'contacts.get',
  'contacts.history',
  'contacts.overview',
  'contacts.show',
  'conflicts.list',
  'duplicates.list',
  'history.runs',
  'history.changes',
  'settings.get',
  'status.get',
  'trash.list',
]);

function loadSettings(ports: Ports): Settings {
  const raw = ports.settings.load();
  if (raw === undefined) return defaultSettings;
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Keep the user's file as it is (they may fix it by hand); run on defaults and say why.
  ports.logger.warn('settings are invalid; using defaults until they are saved again', { issues: parsed.error.issues });
  return defaultSettings;
}

export function createEngine(ports: Ports, options: EngineOptions): Engine {
  const db: WritableDb = openDatabase(options.databasePath ?? join(options.dataDir, DATABASE_FILE));
  const listeners = new Set<(message: AnyEventMessage) => void>();
  let settings = loadSettings(ports);
  let closed = false;

  let runner: SyncRunner | null = null;
  const context: EngineContext = {
    db,
    ports,
    dataDir: options.dataDir,
    host: options.host,
    version: options.version,
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      const message = { event, payload } as AnyEventMessage;
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (error) {
          ports.logger.warn('event listener failed', { event, error: String(error) });
        }
      }
    },
    settings: () => settings,
    setSettings(next: Settings) {
      settings = settingsSchema.parse(next);
      ports.settings.save(settings);
    },
    get sync() {
      return (runner ??= createSyncRunner(context, options.sources ?? {}));
    },
  };
  const dispatch = createDispatcher(handlers, context);
  enableGoogleSignIn(context, options.google ?? { env: {} });

  return {
    context,
    dispatch: (method, params) => {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'The Concord engine has shut down.' } });
      // A dry run's transaction is rolled back at its end: a write made meanwhile would vanish with it.
      if (runner?.previewing && !readOnlyMethods.has(method as MethodName)) {
        return Promise.resolve({ ok: false, error: { code: 'BUSY', message: 'A sync preview is running; try again in a moment.' } });
      }
      return dispatch(method, params);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      // Frees the loopback port of a sign-in still waiting for the browser.
      void stopGoogleSignIn(context);
      listeners.clear();
      db.close();
    },
  };
}
