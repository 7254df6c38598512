// The few words the main process shows itself (tray tooltip and menu, desktop notifications), in
// English and Simplified Chinese. The renderer has its own catalogue (renderer/src/i18n/), which
// the main process may not import; these strings are kept to what the tray and notices need.
// Invariant: both languages have every key (the type makes a missing one a compile error).
import type { Settings } from '../../shared/model/settings.ts';

export type MainLanguage = 'en' | 'zh-CN';

export interface MainStrings {
  appName: string;
  idle: string;
  syncing: (percent: number) => string;
  paused: string;
  signIn: (accounts: string[]) => string;
  error: (accounts: string[]) => string;
  conflicts: (n: number) => string;
  suggestions: (n: number) => string;
  safetyStop: (accounts: string[]) => string;
  lastSynced: (when: string) => string;
  menuSyncNow: string;
  menuPause: string;
  menuResume: string;
  menuOpen: string;
  menuQuit: string;
  noticeConflictsTitle: string;
  noticeConflictsBody: (n: number) => string;
  noticeSuggestionsTitle: string;
  noticeSuggestionsBody: (n: number) => string;
  noticeSafetyTitle: string;
  noticeSafetyBody: (accounts: string[]) => string;
}

const list = (names: string[], sep: string) => names.join(sep);

const en: MainStrings = {
  appName: 'Concord',
  idle: 'Up to date',
  syncing: (p) => `Syncing… ${p}%`,
  paused: 'Background sync paused',
  signIn: (a) => `Sign-in needed: ${list(a, ', ')}`,
  error: (a) => `Sync failed: ${list(a, ', ')}`,
  conflicts: (n) => (n === 1 ? '1 conflict to review' : `${n} conflicts to review`),
  suggestions: (n) => (n === 1 ? '1 possible duplicate' : `${n} possible duplicates`),
  safetyStop: (a) => `Safety stop: ${list(a, ', ')}`,
  lastSynced: (w) => `Last sync ${w}`,
  menuSyncNow: 'Sync now',
  menuPause: 'Pause background sync',
  menuResume: 'Resume background sync',
  menuOpen: 'Open Concord',
  menuQuit: 'Quit Concord',
  noticeConflictsTitle: 'New conflicts',
  noticeConflictsBody: (n) => (n === 1 ? 'A contact was changed differently in two places. Choose which value to keep.' : `${n} fields were changed differently in two places. Choose which values to keep.`),
  noticeSuggestionsTitle: 'Possible duplicates',
  noticeSuggestionsBody: (n) => (n === 1 ? 'Concord found a contact that may be a duplicate.' : `Concord found ${n} new possible duplicates.`),
  noticeSafetyTitle: 'Sync stopped for safety',
  noticeSafetyBody: (a) => `${list(a, ', ')}: a sync would delete or change many contacts at once. Review and approve it in Concord.`,
};

const zhCN: MainStrings = {
  appName: 'Concord',
  idle: '已是最新',
  syncing: (p) => `正在同步… ${p}%`,
  paused: '后台同步已暂停',
  signIn: (a) => `需要重新登录：${list(a, '、')}`,
  error: (a) => `同步失败：${list(a, '、')}`,
  conflicts: (n) => `${n} 个冲突待处理`,
  suggestions: (n) => `${n} 个可能重复的联系人`,
  safetyStop: (a) => `安全暂停：${list(a, '、')}`,
  lastSynced: (w) => `上次同步 ${w}`,
  menuSyncNow: '立即同步',
  menuPause: '暂停后台同步',
  menuResume: '恢复后台同步',
  menuOpen: '打开 Concord',
  menuQuit: '退出 Concord',
  noticeConflictsTitle: '新的冲突',
  noticeConflictsBody: (n) => `有 ${n} 处字段在两个地方被改成了不同的值，请选择保留哪一个。`,
  noticeSuggestionsTitle: '可能重复的联系人',
  noticeSuggestionsBody: (n) => `Concord 新发现 ${n} 个可能重复的联系人。`,
  noticeSafetyTitle: '同步已安全暂停',
  noticeSafetyBody: (a) => `${list(a, '、')}：本次同步会一次删除或修改大量联系人，请在 Concord 中检查并批准。`,
};

export const mainStrings: Record<MainLanguage, MainStrings> = { en, 'zh-CN': zhCN };

/**
 * The setting wins; 'system' follows the OS locale (app.getLocale()) with the renderer's rule
 * (renderer/src/i18n resolveLocale: any zh* locale is zh-CN), so tray and window always agree.
 */
export function resolveLanguage(setting: Settings['language'], systemLocale: string): MainLanguage {
  if (setting !== 'system') return setting;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
