// Background sync: when the tray app syncs by itself. Triggers: the interval from
// settings.syncIntervalMinutes (re-armed when it changes), the machine waking from sleep
// (powerMonitor 'resume') and the network coming back (Electron's net.isOnline(), polled: there
// is no event for it in the main process). Manual "Sync now" goes through here too.
// Invariants: single-flight (a trigger while a run is going is dropped: that run already covers
// it); paused means no automatic run, while "Sync now" still runs; after a failed run the next
// automatic one waits twice as long each time (interval × 2^failures, capped at `maxBackoffMs`),
// and the first successful run resets it; an offline machine does not try (and does not count a
// failure) but syncs as soon as it is back online. Timers are the global ones so tests drive them
// with vi.useFakeTimers().

/** What a run came to: ok, failed (an account or the run failed: back off), busy (another process or run held it). */
export type RunOutcome = 'ok' | 'failed' | 'busy';

export type Trigger = 'schedule' | 'resume' | 'online' | 'manual';

export interface PowerEvents {
  on(event: 'resume', listener: () => void): unknown;
  off(event: 'resume', listener: () => void): unknown;
}

export interface SchedulerOptions {
  run(trigger: Trigger): Promise<RunOutcome>;
  intervalMinutes(): number;
  powerMonitor: PowerEvents;
  isOnline(): boolean;
  /** How often the network state is polled. Default 30 s. */
  onlinePollMs?: number;
  /** Wait after waking before syncing: Wi-Fi takes a few seconds to come back. Default 10 s. */
  resumeDelayMs?: number;
  /** Longest wait between automatic runs while they keep failing. Default 4 h (never below the interval). */
  maxBackoffMs?: number;
  now?: () => number;
  onError?(error: unknown): void;
}

export interface Scheduler {
  /** Arms the triggers. `lastRunAt` (ms epoch, from the run history) makes an overdue sync run at once. */
  start(lastRunAt?: number | null): void;
  stop(): void;
  /** Runs now unless a run is going (or, for automatic triggers, unless paused or offline). */
  trigger(trigger: Trigger): Promise<RunOutcome | 'skipped'>;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  readonly running: boolean;
  /** Failed runs in a row. */
  readonly failures: number;
  /** When the next automatic run is due (ms epoch), null when stopped. */
  readonly nextAt: number | null;
  /** The interval setting may have changed: re-arm from the last run. */
  settingsChanged(): void;
}

const minute = 60_000;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => Date.now());
  const pollMs = options.onlinePollMs ?? 30_000;
  const resumeDelayMs = options.resumeDelayMs ?? 10_000;
  let started = false;
  let paused = false;
  let running = false;
  let failures = 0;
  let lastRunAt = now();
  let armedInterval = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let resumeTimer: ReturnType<typeof setTimeout> | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let online = true;
  let nextAt: number | null = null;

  const intervalMs = () => options.intervalMinutes() * minute;
  const delayAfterLastRun = () => {
    const base = intervalMs();
    if (failures === 0) return base;
    const cap = Math.max(base, options.maxBackoffMs ?? 4 * 60 * minute);
    return Math.min(cap, base * 2 ** failures);
  };

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    nextAt = null;
    if (!started) return;
    armedInterval = intervalMs();
    const due = lastRunAt + delayAfterLastRun();
    nextAt = due;
    timer = setTimeout(() => void trigger('schedule'), Math.max(0, due - now()));
  }

  async function trigger(why: Trigger): Promise<RunOutcome | 'skipped'> {
    const automatic = why !== 'manual';
    if (running || (automatic && (paused || !started))) return 'skipped';
    if (automatic && !options.isOnline()) {
      // Nothing to reach: wait for the network instead of counting a failure.
      online = false;
      lastRunAt = now();
      arm();
      return 'skipped';
    }
    running = true;
    let outcome: RunOutcome = 'failed';
    try {
      outcome = await options.run(why);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
    if (outcome === 'ok') failures = 0;
    else if (outcome === 'failed') failures += 1;
    lastRunAt = now();
    arm();
    return outcome;
  }

  const onResume = () => {
    if (resumeTimer) clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => void trigger('resume'), resumeDelayMs);
  };

  return {
    start(previousRunAt) {
      if (started) return;
      started = true;
      if (typeof previousRunAt === 'number' && Number.isFinite(previousRunAt) && previousRunAt < lastRunAt) lastRunAt = previousRunAt;
      online = options.isOnline();
      options.powerMonitor.on('resume', onResume);
      poll = setInterval(() => {
        const was = online;
        online = options.isOnline();
        if (!was && online) void trigger('online');
      }, pollMs);
      arm();
    },
    stop() {
      started = false;
      options.powerMonitor.off('resume', onResume);
      for (const t of [timer, resumeTimer]) if (t) clearTimeout(t);
      if (poll) clearInterval(poll);
      timer = resumeTimer = poll = null;
      nextAt = null;
    },
    trigger,
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      // Overdue while paused: the armed timer fires at once (setTimeout with 0).
      arm();
    },
    get paused() {
      return paused;
    },
    get running() {
      return running;
    },
    get failures() {
      return failures;
    },
    get nextAt() {
      return nextAt;
    },
    settingsChanged() {
      if (intervalMs() !== armedInterval && !running) arm();
    },
  };
}
