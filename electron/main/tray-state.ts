// What the tray shows, as a pure function of the engine's status, the running sync's progress and
// the scheduler's state: which icon, which tooltip, which menu. No Electron here (tray.ts turns the
// view into a Tray and a Menu), so every state is unit-tested.
// Invariant: one state wins, in this order: syncing, paused (the user chose it), sign-in needed,
// sync failing, needs attention (conflicts, suggestions, safety stop), idle; the tooltip still
// lists everything that needs the person, whatever the state.
import type { StatusView } from '../../shared/api/contract.ts';
import type { MainStrings } from './strings.ts';

export const trayIcons = ['idle', 'syncing', 'attention', 'paused', 'error'] as const;
export type TrayIcon = (typeof trayIcons)[number];

export type TrayKind = 'idle' | 'syncing' | 'paused' | 'sign-in' | 'error' | 'attention';

export type TrayAction = 'sync-now' | 'pause' | 'resume' | 'open' | 'quit';

export type TrayMenuItem = { type: 'separator' } | { type: 'label'; label: string } | { type: 'action'; action: TrayAction; label: string; enabled: boolean };

export interface TrayInput {
  /** status.get; null until the first answer. */
  status: StatusView | null;
  /** The running sync's latest sync.progress; null when none runs. */
  progress: { done: number; total: number } | null;
  /** Background sync paused from the tray. */
  paused: boolean;
}

export interface TrayView {
  kind: TrayKind;
  icon: TrayIcon;
  /** Short text next to the macOS menu-bar icon (template images carry no colour): '42%', '!' or ''. */
  title: string;
  tooltip: string;
  menu: TrayMenuItem[];
}

function percent(progress: TrayInput['progress']): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((progress.done / progress.total) * 100)));
}

export function trayView(input: TrayInput, t: MainStrings): TrayView {
  const accounts = input.status?.accounts ?? [];
  const signIn = accounts.filter((a) => a.enabled && a.status === 'auth-required').map((a) => a.name);
  const failing = accounts.filter((a) => a.enabled && a.status === 'error').map((a) => a.name);
  const stopped = accounts.filter((a) => a.pausedFor !== null).map((a) => a.name);
  const conflicts = input.status?.conflicts ?? 0;
  const suggestions = input.status?.suggestions ?? 0;
  const syncing = input.progress !== null || input.status?.syncing === true;

  const details: string[] = [];
  if (signIn.length) details.push(t.signIn(signIn));
  if (failing.length) details.push(t.error(failing));
  if (stopped.length) details.push(t.safetyStop(stopped));
  if (conflicts) details.push(t.conflicts(conflicts));
  if (suggestions) details.push(t.suggestions(suggestions));
  const attention = stopped.length > 0 || conflicts > 0 || suggestions > 0;

  let kind: TrayKind;
  let headline: string;
  if (syncing) [kind, headline] = ['syncing', t.syncing(percent(input.progress))];
  else if (input.paused) [kind, headline] = ['paused', t.paused];
  else if (signIn.length) [kind, headline] = ['sign-in', t.signIn(signIn)];
  else if (failing.length) [kind, headline] = ['error', t.error(failing)];
  else if (attention) [kind, headline] = ['attention', details[0]!];
  else [kind, headline] = ['idle', t.idle];

  const icon: TrayIcon = kind === 'sign-in' ? 'attention' : kind;
  const title = kind === 'syncing' ? `${percent(input.progress)}%` : kind === 'idle' || kind === 'paused' ? '' : '!';
  const lines = [headline, ...details.filter((d) => d !== headline)];
  return {
    kind,
    icon,
    title,
    tooltip: [t.appName, ...lines].join('\n'),
    menu: [
      ...lines.map((label): TrayMenuItem => ({ type: 'label', label })),
      { type: 'separator' },
      // A manual sync runs even while background sync is paused; never two at once.
      { type: 'action', action: 'sync-now', label: t.menuSyncNow, enabled: !syncing },
      input.paused
        ? { type: 'action', action: 'resume', label: t.menuResume, enabled: true }
        : { type: 'action', action: 'pause', label: t.menuPause, enabled: true },
      { type: 'action', action: 'open', label: t.menuOpen, enabled: true },
      { type: 'separator' },
      { type: 'action', action: 'quit', label: t.menuQuit, enabled: true },
    ],
  };
}
