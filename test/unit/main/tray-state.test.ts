// The tray from each state: which icon, tooltip and menu the person sees, and that the menu's
// actions reach the app (Electron's Tray and Menu faked at the boundary).
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { AccountState, StatusView } from '../../../shared/api/contract.ts';
import { mainStrings, resolveLanguage } from '../../../electron/main/strings.ts';
import { trayView } from '../../../electron/main/tray-state.ts';
import type { TrayAction, TrayInput, TrayView } from '../../../electron/main/tray-state.ts';
import { createTrayController, menuTemplate, trayIconFile } from '../../../electron/main/tray.ts';
import { fakeTray } from './fakes.ts';

const en = mainStrings.en;

function account(over: Partial<AccountState> = {}): AccountState {
  return { id: 'a1', name: 'Google', kind: 'google', enabled: true, direction: 'two-way', status: 'idle', lastError: null, lastSyncedAt: null, records: 10, conflicts: 0, pausedFor: null, ...over };
}

function status(over: Partial<StatusView> = {}): StatusView {
  return { contacts: 10, trash: 0, conflicts: 0, suggestions: 0, syncing: false, lastRun: null, accounts: [account()], ...over };
}

const input = (over: Partial<TrayInput> = {}): TrayInput => ({ status: status(), progress: null, paused: false, ...over });

/** The menu as the person reads it: labels, with actions marked and disabled ones in brackets. */
function menuText(view: TrayView): string[] {
  return view.menu.map((m) => (m.type === 'separator' ? '—' : m.type === 'label' ? m.label : `${m.enabled ? '' : '['}${m.action}${m.enabled ? '' : ']'}`));
}

describe('tray state', () => {
  it('idle: up to date, Sync now and Pause offered', () => {
    const view = trayView(input(), en);
    expect(view).toMatchObject({ kind: 'idle', icon: 'idle', title: '', tooltip: 'Concord\nUp to date' });
    expect(menuText(view)).toEqual(['Up to date', '—', 'sync-now', 'pause', 'open', '—', 'quit']);
  });

  it('syncing: percentage from the latest progress, Sync now disabled', () => {
    const view = trayView(input({ progress: { done: 42, total: 100 } }), en);
    expect(view).toMatchObject({ kind: 'syncing', icon: 'syncing', title: '42%', tooltip: 'Concord\nSyncing… 42%' });
    expect(menuText(view)).toContain('[sync-now]');
    // A run another client started (status says syncing) shows too, at 0% until progress arrives.
    expect(trayView(input({ status: status({ syncing: true }) }), en)).toMatchObject({ kind: 'syncing', title: '0%' });
    expect(trayView(input({ progress: { done: 5, total: 0 } }), en).title).toBe('0%');
  });

  it('needs attention: conflicts, suggestions and safety stops, all listed', () => {
    const view = trayView(input({ status: status({ conflicts: 3, suggestions: 1, accounts: [account({ pausedFor: 'would delete 40 of 50 contacts' })] }) }), en);
    expect(view).toMatchObject({ kind: 'attention', icon: 'attention', title: '!' });
    expect(view.tooltip.split('\n')).toEqual(['Concord', 'Safety stop: Google', '3 conflicts to review', '1 possible duplicate']);
    expect(menuText(view).slice(0, 4)).toEqual(['Safety stop: Google', '3 conflicts to review', '1 possible duplicate', '—']);
    expect(trayView(input({ status: status({ suggestions: 2 }) }), en).tooltip).toBe('Concord\n2 possible duplicates');
  });

  it('paused: Resume instead of Pause; Sync now still works', () => {
    const view = trayView(input({ paused: true, status: status({ conflicts: 1 }) }), en);
    expect(view).toMatchObject({ kind: 'paused', icon: 'paused', title: '' });
    expect(menuText(view)).toEqual(['Background sync paused', '1 conflict to review', '—', 'sync-now', 'resume', 'open', '—', 'quit']);
  });

  it('sign-in needed outranks failures and attention; disabled accounts do not count', () => {
    const accounts = [
      account({ id: 'a', name: 'Google', status: 'auth-required' }),
      account({ id: 'b', name: 'iCloud', status: 'error' }),
      account({ id: 'c', name: 'Old', status: 'auth-required', enabled: false }),
    ];
    const view = trayView(input({ status: status({ accounts, conflicts: 2 }) }), en);
    expect(view).toMatchObject({ kind: 'sign-in', icon: 'attention', title: '!' });
    expect(view.tooltip.split('\n')).toEqual(['Concord', 'Sign-in needed: Google', 'Sync failed: iCloud', '2 conflicts to review']);
    const failing = trayView(input({ status: status({ accounts: [accounts[1]!] }) }), en);
    expect(failing).toMatchObject({ kind: 'error', icon: 'error' });
  });

  it('before the first status: idle, nothing claimed', () => {
    expect(trayView(input({ status: null }), en)).toMatchObject({ kind: 'idle', tooltip: 'Concord\nUp to date' });
  });

  it('speaks Chinese when the setting or the system says so', () => {
    expect(resolveLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(resolveLanguage('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    const view = trayView(input({ status: status({ conflicts: 2 }) }), mainStrings['zh-CN']);
    expect(view.tooltip).toBe('Concord\n2 个冲突待处理');
    expect(view.menu).toContainEqual({ type: 'action', action: 'sync-now', label: '立即同步', enabled: true });
  });
});

describe('tray controller', () => {
  it('builds the Electron menu from the view; clicks reach the app; unchanged views change nothing', () => {
    const fake = fakeTray();
    let created = '';
    const menus: MenuItemConstructorOptions[][] = [];
    const actions: TrayAction[] = [];
    const controller = createTrayController(
      {
        createTray: (path) => ((created = path), fake.tray),
        buildMenu: (template) => menus.push(template),
        iconDir: '/res/tray',
        platform: 'linux',
      },
      trayView(input(), en),
      (a) => actions.push(a),
    );
    expect(created).toBe('/res/tray/tray-idle.png');
    expect(fake.calls).toEqual(['image /res/tray/tray-idle.png', 'tooltip Up to date', 'menu']);
    const template = menus.at(-1)!;
    expect(template.map((m) => m.id ?? m.type ?? m.label)).toEqual(['Up to date', 'separator', 'sync-now', 'pause', 'open', 'separator', 'quit']);
    expect(template[0]).toMatchObject({ enabled: false });
    for (const item of template) item.click?.({} as never, undefined, {} as never);
    expect(actions).toEqual(['sync-now', 'pause', 'open', 'quit']);
    fake.click();
    expect(actions.at(-1)).toBe('open');

    fake.calls.length = 0;
    controller.render(trayView(input(), en));
    expect(fake.calls).toEqual([]);
    controller.render(trayView(input({ progress: { done: 1, total: 4 } }), en));
    expect(fake.calls).toEqual(['image /res/tray/tray-syncing.png', 'tooltip Syncing… 25%', 'menu']);
    controller.destroy();
    expect(fake.calls.at(-1)).toBe('destroy');
  });

  it('macOS: one template image, the state in the title', () => {
    const fake = fakeTray();
    const controller = createTrayController({ createTray: () => fake.tray, buildMenu: () => null, iconDir: '/r', platform: 'darwin' }, trayView(input(), en), () => undefined);
    controller.render(trayView(input({ status: status({ conflicts: 1 }) }), en));
    expect(fake.calls.filter((c) => c.startsWith('image') || c.startsWith('title'))).toEqual(['image /r/trayTemplate.png', 'title ', 'title !']);
    expect(trayIconFile('/r', 'error', 'win32')).toBe('/r/tray-error.png');
    expect(menuTemplate([{ type: 'separator' }], () => undefined)).toEqual([{ type: 'separator' }]);
  });
});
