// The tray app's behaviour, wired from its parts with every Electron piece passed in: the scheduler
// runs syncs, engine events keep the tray current, new attention items raise notifications,
// settings changes re-arm the interval, switch the language and apply "start at login".
// Invariants: status.get is asked again after every change event, one request at a time (a burst
// of events at the end of a run costs at most one extra request); notifications are not shown
// while the window has focus (the person is looking at Concord already).
import type { StatusView } from '../../shared/api/contract.ts';
import type { AnyEventMessage } from '../../shared/api/events.ts';
import type { Envelope } from '../../shared/api/transport.ts';
import type { Settings } from '../../shared/model/settings.ts';
import type { Logger } from '../engine/ports.ts';
import { newNotices, showNotices } from './notifications.ts';
import type { NotificationClass } from './notifications.ts';
import { createScheduler } from './scheduler.ts';
import type { PowerEvents, RunOutcome, Scheduler, Trigger } from './scheduler.ts';
import { mainStrings, resolveLanguage } from './strings.ts';
import type { TrayController } from './tray.ts';
import { trayView } from './tray-state.ts';
import type { TrayAction, TrayInput, TrayView } from './tray-state.ts';

export interface DesktopDeps {
  engine: { dispatch(method: string, params: unknown): Promise<Envelope>; subscribe(listener: (m: AnyEventMessage) => void): () => void };
  runSync(trigger: Trigger): Promise<RunOutcome>;
  powerMonitor: PowerEvents;
  isOnline(): boolean;
  createTray(initial: TrayView, onAction: (action: TrayAction) => void): TrayController;
  Notification: NotificationClass;
  systemLocale(): string;
  applyStartAtLogin(enabled: boolean): void;
  windowFocused(): boolean;
  showWindow(): void;
  quit(): void;
  logger: Logger;
}

export interface Desktop {
  scheduler: Scheduler;
  /** Resolves when the current status has been read and shown. */
  refresh(): Promise<void>;
  stop(): void;
}

export async function startDesktop(deps: DesktopDeps): Promise<Desktop> {
  const settingsEnvelope = await deps.engine.dispatch('settings.get', {});
  let settings = settingsEnvelope.ok ? (settingsEnvelope.result as Settings) : null;
  const strings = () => mainStrings[resolveLanguage(settings?.language ?? 'system', deps.systemLocale())];
  const input: TrayInput = { status: null, progress: null, paused: false };

  const scheduler = createScheduler({
    run: deps.runSync,
    intervalMinutes: () => settings?.syncIntervalMinutes ?? 15,
    powerMonitor: deps.powerMonitor,
    isOnline: deps.isOnline,
    onError: (error) => deps.logger.error('background sync failed unexpectedly', { error: error instanceof Error ? error.stack : String(error) }),
  });

  const onAction = (action: TrayAction) => {
    switch (action) {
      case 'sync-now':
        void scheduler.trigger('manual');
        break;
      case 'pause':
        scheduler.pause();
        break;
      case 'resume':
        scheduler.resume();
        break;
      case 'open':
        deps.showWindow();
        break;
      case 'quit':
        deps.quit();
        return;
    }
    render();
  };
  const tray = deps.createTray(trayView(input, strings()), onAction);
  function render(): void {
    input.paused = scheduler.paused;
    tray.render(trayView(input, strings()));
  }

  let refreshing: Promise<void> | null = null;
  let again = false;
  async function readStatus(): Promise<void> {
    do {
      again = false;
      const envelope = await deps.engine.dispatch('status.get', {});
      if (!envelope.ok) {
        deps.logger.warn('status for the tray failed', { error: envelope.error });
        continue;
      }
      const status = envelope.result as StatusView;
      const notices = newNotices(input.status, status);
      input.status = status;
      if (!deps.windowFocused()) showNotices(deps.Notification, notices, strings(), deps.showWindow);
      render();
    } while (again);
  }
  const refresh = (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    return (refreshing = readStatus().finally(() => (refreshing = null)));
  };

  let loginItem = settings?.startAtLogin;
  if (loginItem !== undefined) deps.applyStartAtLogin(loginItem);
  const unsubscribe = deps.engine.subscribe((message) => {
    switch (message.event) {
      case 'sync.progress':
        // runId -1 with phase done: the run finished (engine/sync/run.ts).
        input.progress = message.payload.runId === -1 ? null : { done: message.payload.done, total: message.payload.total };
        render();
        if (message.payload.runId === -1) void refresh();
        break;
      case 'settings.changed':
        settings = message.payload;
        scheduler.settingsChanged();
        if (settings.startAtLogin !== loginItem) deps.applyStartAtLogin((loginItem = settings.startAtLogin));
        render();
        break;
      case 'accounts.changed':
      case 'conflicts.changed':
        void refresh();
        break;
      case 'contacts.changed':
        break;
    }
  });

  await refresh();
  // Continue the schedule from the last run (any host's): an app started long after it syncs at once.
  const last = input.status?.lastRun;
  scheduler.start(last ? Date.parse(last.finishedAt ?? last.startedAt) : null);
  return {
    scheduler,
    refresh,
    stop() {
      unsubscribe();
      scheduler.stop();
      tray.destroy();
    },
  };
}
