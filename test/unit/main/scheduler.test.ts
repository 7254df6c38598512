// Background sync triggers with fake timers: the interval (and its re-arming when the setting
// changes), waking from sleep, coming back online, single-flight, backoff after failures (reset on
// success, capped) and pause. powerMonitor is an EventEmitter standing in for Electron's.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../../electron/main/scheduler.ts';
import type { RunOutcome, SchedulerOptions, Trigger } from '../../../electron/main/scheduler.ts';

const minute = 60_000;

function setup(over: Partial<SchedulerOptions> = {}) {
  const runs: Trigger[] = [];
  const outcomes: RunOutcome[] = [];
  let interval = 15;
  let online = true;
  let release: (() => void) | null = null;
  let hold = false;
  const power = new EventEmitter();
  const scheduler = createScheduler({
    run: async (trigger) => {
      runs.push(trigger);
      if (hold) await new Promise<void>((r) => (release = r));
      return outcomes.shift() ?? 'ok';
    },
    intervalMinutes: () => interval,
    powerMonitor: power,
    isOnline: () => online,
    now: () => Date.now(),
    ...over,
  });
  return {
    scheduler,
    runs,
    power,
    outcomes,
    setInterval: (m: number) => void (interval = m),
    setOnline: (v: boolean) => void (online = v),
    holdRuns: () => void (hold = true),
    finishRun: () => {
      hold = false;
      release?.();
    },
  };
}

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 5, 1) }));
afterEach(() => vi.useRealTimers());

describe('scheduler', () => {
  it('syncs every interval, and re-arms when the interval setting changes', async () => {
    const s = setup();
    s.scheduler.start();
    await vi.advanceTimersByTimeAsync(15 * minute - 1);
    expect(s.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.runs).toEqual(['schedule']);
    await vi.advanceTimersByTimeAsync(15 * minute);
    expect(s.runs).toHaveLength(2);

    // 10 minutes after the last run the interval drops to 5: overdue, so it runs at once.
    await vi.advanceTimersByTimeAsync(10 * minute);
    s.setInterval(5);
    s.scheduler.settingsChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.runs).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(5 * minute);
    expect(s.runs).toHaveLength(4);

    // Raised to 60: nothing for 59 minutes.
    s.setInterval(60);
    s.scheduler.settingsChanged();
    await vi.advanceTimersByTimeAsync(59 * minute);
    expect(s.runs).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(minute);
    expect(s.runs).toHaveLength(5);
    s.scheduler.stop();
    await vi.advanceTimersByTimeAsync(120 * minute);
    expect(s.runs).toHaveLength(5);
    expect(s.scheduler.nextAt).toBeNull();
  });

  it('continues from the last run in the history: overdue runs at once, recent waits for the rest', async () => {
    const overdue = setup();
    overdue.scheduler.start(Date.now() - 20 * minute);
    await vi.advanceTimersByTimeAsync(0);
    expect(overdue.runs).toEqual(['schedule']);
    overdue.scheduler.stop();

    const recent = setup();
    recent.scheduler.start(Date.now() - 5 * minute);
    await vi.advanceTimersByTimeAsync(10 * minute - 1);
    expect(recent.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(recent.runs).toEqual(['schedule']);
    recent.scheduler.stop();
  });

  it('syncs shortly after waking from sleep', async () => {
    const s = setup();
    s.scheduler.start();
    s.power.emit('resume');
    s.power.emit('resume'); // twice in a row: still one run
    await vi.advanceTimersByTimeAsync(9_999);
    expect(s.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.runs).toEqual(['resume']);
    s.scheduler.stop();
    expect(s.power.listenerCount('resume')).toBe(0);
  });

  it('waits for the network instead of failing, and syncs when it comes back', async () => {
    const s = setup();
    s.scheduler.start();
    s.setOnline(false);
    await vi.advanceTimersByTimeAsync(15 * minute);
    expect(s.runs).toEqual([]);
    expect(s.scheduler.failures).toBe(0);
    await vi.advanceTimersByTimeAsync(minute);
    expect(s.runs).toEqual([]);
    s.setOnline(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.runs).toEqual(['online']);
    // Staying online is not "coming back": no second run from the poll.
    await vi.advanceTimersByTimeAsync(5 * minute);
    expect(s.runs).toEqual(['online']);
    s.scheduler.stop();
  });

  it('runs one sync at a time: triggers during a run are dropped', async () => {
    const s = setup();
    s.scheduler.start();
    s.holdRuns();
    const first = s.scheduler.trigger('manual');
    expect(s.scheduler.running).toBe(true);
    expect(await s.scheduler.trigger('manual')).toBe('skipped');
    s.power.emit('resume');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.runs).toEqual(['manual']);
    s.finishRun();
    expect(await first).toBe('ok');
    expect(s.scheduler.running).toBe(false);
    s.scheduler.stop();
  });

  it('backs off exponentially after failed runs, capped, and resets on success', async () => {
    const s = setup({ maxBackoffMs: 120 * minute });
    s.scheduler.start();
    s.outcomes.push('failed', 'failed', 'failed', 'failed', 'ok');
    const gaps: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 6; i++) {
      const before = s.runs.length;
      while (s.runs.length === before) await vi.advanceTimersByTimeAsync(minute);
      gaps.push((Date.now() - last) / minute);
      last = Date.now();
    }
    // 15, then 30, 60, 120 (cap), 120, then back to 15 after the success.
    expect(gaps).toEqual([15, 30, 60, 120, 120, 15]);
    expect(s.scheduler.failures).toBe(0);
    s.scheduler.stop();
  });

  it('busy (another process syncing) neither fails nor backs off', async () => {
    const s = setup();
    s.scheduler.start();
    s.outcomes.push('busy');
    expect(await s.scheduler.trigger('manual')).toBe('busy');
    expect(s.scheduler.failures).toBe(0);
    expect(s.scheduler.nextAt).toBe(Date.now() + 15 * minute);
    s.scheduler.stop();
  });

  it('an exception from a run counts as a failure and is reported', async () => {
    const errors: unknown[] = [];
    const s = setup({
      run: async () => {
        throw new Error('boom');
      },
      onError: (e) => void errors.push(e),
    });
    s.scheduler.start();
    expect(await s.scheduler.trigger('manual')).toBe('failed');
    expect(s.scheduler.failures).toBe(1);
    expect(errors).toHaveLength(1);
    expect(s.scheduler.nextAt).toBe(Date.now() + 30 * minute);
    s.scheduler.stop();
  });

  it('paused: no automatic runs (interval, resume, online); Sync now still runs; resuming catches up', async () => {
    const s = setup();
    s.scheduler.start();
    s.scheduler.pause();
    expect(s.scheduler.paused).toBe(true);
    await vi.advanceTimersByTimeAsync(40 * minute);
    s.power.emit('resume');
    s.setOnline(false);
    await vi.advanceTimersByTimeAsync(30_000);
    s.setOnline(true);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.runs).toEqual([]);
    expect(await s.scheduler.trigger('manual')).toBe('ok');
    expect(s.runs).toEqual(['manual']);
    await vi.advanceTimersByTimeAsync(20 * minute);
    expect(s.runs).toEqual(['manual']);
    s.scheduler.resume();
    await vi.advanceTimersByTimeAsync(0);
    // Overdue since the manual run 20 minutes ago: runs at once, then every 15 minutes.
    expect(s.runs).toEqual(['manual', 'schedule']);
    await vi.advanceTimersByTimeAsync(15 * minute);
    expect(s.runs).toEqual(['manual', 'schedule', 'schedule']);
    s.scheduler.stop();
  });
});
