// The tray app end to end over a real engine with memory accounts (test/support/sync-world.ts),
// Electron faked at its boundary (Tray, Notification, powerMonitor): Sync now from the tray,
// notifications for new conflicts only, sign-in needed, the data folder's sync lock shared with
// the CLI, pause/resume, settings changes.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { acquireSyncLock, withLockedSyncs } from '../../../electron/engine/sync/lock.ts';
import { memoryLogger } from '../../../electron/engine/ports-memory.ts';
import { startDesktop } from '../../../electron/main/desktop.ts';
import type { Desktop } from '../../../electron/main/desktop.ts';
import { syncJob } from '../../../electron/main/sync-job.ts';
import { createTrayController } from '../../../electron/main/tray.ts';
import type { TrayAction } from '../../../electron/main/tray-state.ts';
import { card, startWorld } from '../../support/sync-world.ts';
import type { World } from '../../support/sync-world.ts';
import { fakeNotifications, fakeTray } from './fakes.ts';

let w: World;
let desktop: Desktop | null = null;
afterEach(() => {
  desktop?.stop();
  w.close();
});

async function start(options: { focused?: boolean } = {}) {
  w = startWorld();
  const tray = fakeTray();
  const menus: MenuItemConstructorOptions[][] = [];
  const notes = fakeNotifications();
  const logger = memoryLogger();
  const loginItems: boolean[] = [];
  let shown = 0;
  let quit = 0;
  let act: (a: TrayAction) => void = () => undefined;
  desktop = await startDesktop({
    engine: w.engine,
    runSync: syncJob({ dataDir: w.dataDir, run: (o) => w.engine.context.sync.run(o), logger }),
    powerMonitor: new EventEmitter(),
    isOnline: () => true,
    createTray: (initial, onAction) => {
      act = onAction;
      return createTrayController({ createTray: () => tray.tray, buildMenu: (t) => menus.push(t), iconDir: '/tray', platform: 'linux' }, initial, onAction);
    },
    Notification: notes.Notification,
    systemLocale: () => 'en-US',
    applyStartAtLogin: (on) => void loginItems.push(on),
    windowFocused: () => options.focused ?? false,
    showWindow: () => void shown++,
    quit: () => void quit++,
    logger,
  });
  const d = desktop;
  /** Clicks a tray menu item and waits for the sync it starts and the tray refresh after it. */
  async function click(action: TrayAction) {
    act(action);
    while (d.scheduler.running) await new Promise((r) => setTimeout(r, 5));
    await d.refresh();
  }
  const tooltip = () => tray.calls.filter((c) => c.startsWith('tooltip')).at(-1);
  const menuIds = () => menus.at(-1)!.map((m) => m.id ?? m.type ?? m.label);
  return { tray, notes, logger, loginItems, click, tooltip, menuIds, shown: () => shown, quits: () => quit, desktop: d };
}

describe('desktop tray app', () => {
  it('Sync now from the tray; a new conflict notifies once; routine syncs stay quiet', async () => {
    const app = await start();
    expect(app.tooltip()).toBe('tooltip Up to date');
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Dan Wu', email: 'dan@example.org', note: 'original' }));
    await app.click('sync-now');
    expect(w.names(b.source)).toEqual(['Dan Wu']);
    expect(app.notes.shown).toEqual([]);

    const [danA] = a.source.snapshot();
    const [danB] = b.source.snapshot();
    a.source.editExternally(danA!.id, card({ fn: 'Dan Wu', email: 'dan@example.org', note: 'from Google' }));
    b.source.editExternally(danB!.id, card({ fn: 'Dan Wu', email: 'dan@example.org', note: 'from iCloud' }));
    await app.click('sync-now');
    expect(app.notes.shown.map((n) => n.title)).toEqual(['New conflicts']);
    expect(app.tooltip()).toBe('tooltip 1 conflict to review');
    app.notes.clicks[0]!();
    expect(app.shown()).toBe(1);

    await app.click('sync-now');
    expect(app.notes.shown).toHaveLength(1);
    const runs = await w.client.call('history.runs', {});
    expect(runs.map((r) => r.trigger)).toEqual(['manual', 'manual', 'manual']);
  });

  it('an account that needs sign-in shows in the tray and counts as a failed run', async () => {
    const app = await start();
    const a = await w.addAccount('Google');
    a.source.failNext('auth', 5);
    await app.click('sync-now');
    expect(app.tooltip()).toBe('tooltip Sign-in needed: Google');
    expect(app.desktop.scheduler.failures).toBe(1);
    expect(app.logger.lines.some((l) => l.message === 'sync finished with failing accounts')).toBe(true);
  });

  it('does not sync while another process holds the data folder’s lock (busy, not a failure)', async () => {
    const app = await start();
    const a = await w.addAccount('Google');
    a.source.createExternally(card({ fn: 'Eve Li' }));
    const lock = await acquireSyncLock(w.dataDir, 'concord sync (test)');
    try {
      await app.click('sync-now');
      expect(await w.hubNames()).toEqual([]);
      expect(app.desktop.scheduler.failures).toBe(0);
      // The window's sync.run goes through the same lock (index.ts wraps dispatch with it).
      const dispatch = withLockedSyncs(w.engine, w.dataDir, 'Concord desktop app');
      expect(await dispatch('sync.run', {})).toEqual({ ok: false, error: { code: 'BUSY', message: expect.stringContaining('concord sync (test)') } });
      expect(await dispatch('status.get', {})).toMatchObject({ ok: true });
    } finally {
      lock.release();
    }
    await app.click('sync-now');
    expect(await w.hubNames()).toEqual(['Eve Li']);
    expect(await withLockedSyncs(w.engine, w.dataDir, 'Concord desktop app')('sync.run', {})).toMatchObject({ ok: true });
  });

  it('pause and resume from the menu; Open and Quit reach the app; settings re-arm and apply login item', async () => {
    const app = await start();
    expect(app.menuIds()).toContain('pause');
    app.tray.calls.length = 0;
    await app.click('pause');
    expect(app.desktop.scheduler.paused).toBe(true);
    expect(app.tooltip()).toBe('tooltip Background sync paused');
    expect(app.menuIds()).toContain('resume');
    await app.click('resume');
    expect(app.desktop.scheduler.paused).toBe(false);
    await app.click('open');
    expect(app.shown()).toBe(1);
    await app.click('quit');
    expect(app.quits()).toBe(1);

    expect(app.loginItems).toEqual([false]);
    const before = app.desktop.scheduler.nextAt!;
    await w.client.call('settings.update', { syncIntervalMinutes: 60, startAtLogin: true, language: 'zh-CN' });
    expect(app.desktop.scheduler.nextAt! - before).toBeGreaterThanOrEqual(44 * 60_000);
    expect(app.loginItems).toEqual([false, true]);
    expect(app.tooltip()).toBe('tooltip 已是最新');
  });

  it('no notifications while the window has focus (the tray still updates)', async () => {
    const app = await start({ focused: true });
    const a = await w.addAccount('Google');
    const b = await w.addAccount('iCloud');
    a.source.createExternally(card({ fn: 'Dan Wu', note: 'original' }));
    await app.click('sync-now');
    a.source.editExternally(a.source.snapshot()[0]!.id, card({ fn: 'Dan Wu', note: 'A' }));
    b.source.editExternally(b.source.snapshot()[0]!.id, card({ fn: 'Dan Wu', note: 'B' }));
    await app.click('sync-now');
    expect(app.tooltip()).toBe('tooltip 1 conflict to review');
    expect(app.notes.shown).toEqual([]);
  });
});
