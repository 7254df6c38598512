// Desktop notifications only for new attention items (conflicts, suggestions, safety stops), in
// the person's language; never for the first status seen or for routine syncs. Electron's
// Notification is a fake class recording what was shown.
import { describe, expect, it } from 'vitest';
import type { AccountState, StatusView } from '../../../shared/api/contract.ts';
import { newNotices, noticeText, showNotices } from '../../../electron/main/notifications.ts';
import { mainStrings } from '../../../electron/main/strings.ts';
import { fakeNotifications } from './fakes.ts';

function account(id: string, pausedFor: string | null = null): AccountState {
  return { id, name: id === 'g' ? 'Google' : 'iCloud', kind: 'memory', enabled: true, direction: 'two-way', status: 'idle', lastError: null, lastSyncedAt: null, records: 5, conflicts: 0, pausedFor };
}
const status = (over: Partial<StatusView> = {}): StatusView => ({ contacts: 5, trash: 0, conflicts: 0, suggestions: 0, syncing: false, lastRun: null, accounts: [account('g'), account('i')], ...over });

describe('notifications', () => {
  it('the first status is the baseline: nothing already waiting is announced', () => {
    expect(newNotices(null, status({ conflicts: 4, suggestions: 2, accounts: [account('g', 'deletes')] }))).toEqual([]);
  });

  it('a routine sync (contacts changed, nothing new to decide) announces nothing', () => {
    expect(newNotices(status(), status({ contacts: 500, lastRun: { id: 2 } as StatusView['lastRun'] }))).toEqual([]);
    // Fewer conflicts (some resolved) is not news either.
    expect(newNotices(status({ conflicts: 3 }), status({ conflicts: 1 }))).toEqual([]);
  });

  it('announces how many conflicts and suggestions are new, and accounts newly stopped', () => {
    const before = status({ conflicts: 1, suggestions: 2, accounts: [account('g', 'old stop'), account('i')] });
    const after = status({ conflicts: 3, suggestions: 3, accounts: [account('g', 'old stop'), account('i', 'would delete 40 contacts')] });
    expect(newNotices(before, after)).toEqual([
      { kind: 'conflicts', added: 2 },
      { kind: 'suggestions', added: 1 },
      { kind: 'safety-stop', accounts: ['iCloud'] },
    ]);
  });

  it('shows them in the chosen language; a click opens the window; nothing when unsupported', () => {
    const fake = fakeNotifications();
    let opened = 0;
    const notices = newNotices(status(), status({ conflicts: 1, accounts: [account('g', 'x'), account('i')] }));
    expect(showNotices(fake.Notification, notices, mainStrings.en, () => opened++)).toBe(2);
    expect(fake.shown).toEqual([
      { title: 'New conflicts', body: 'A contact was changed differently in two places. Choose which value to keep.' },
      { title: 'Sync stopped for safety', body: 'Google: a sync would delete or change many contacts at once. Review and approve it in Concord.' },
    ]);
    fake.clicks[0]!();
    expect(opened).toBe(1);
    expect(noticeText({ kind: 'suggestions', added: 4 }, mainStrings['zh-CN'])).toEqual({ title: '可能重复的联系人', body: 'Concord 新发现 4 个可能重复的联系人。' });

    const unsupported = fakeNotifications(false);
    expect(showNotices(unsupported.Notification, notices, mainStrings.en, () => opened++)).toBe(0);
    expect(unsupported.shown).toEqual([]);
  });
});
