// What every handler receives: the database, the host ports, the event sink and facts about the
// host. Built once by createEngine; handlers hold no state of their own.
import type { AppInfo } from '../../../shared/api/contract.ts';
import type { EventMap, EventName } from '../../../shared/api/events.ts';
import type { Settings } from '../../../shared/model/settings.ts';
import type { WritableDb } from '../db/handle.ts';
import type { Ports } from '../ports.ts';
import type { SyncRunner } from '../sync/run.ts';

export interface EngineContext {
  db: WritableDb;
  ports: Ports;
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  settings(): Settings;
  sync: SyncRunner;
  setSettings(next: Settings): void;
}
