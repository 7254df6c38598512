// Desktop notifications: only for what needs the person and is new since the last status: more
// open conflicts, more merge suggestions, an account newly held by a safety stop. Routine syncs
// (however much they changed) never notify. Pure diff + a small sender with Electron's
// Notification passed in.
// Invariants: the first status seen is the baseline (starting the app does not re-announce what
// was already waiting); status.get carries counts, not ids, so "new" means "the count went up"
// (a conflict resolved and another appearing in the same run is not announced: the tray still
// shows it).
import type { StatusView } from '../../shared/api/contract.ts';
import type { MainStrings } from './strings.ts';

export type Notice =
  | { kind: 'conflicts'; added: number }
  | { kind: 'suggestions'; added: number }
  | { kind: 'safety-stop'; accounts: string[] };

export function newNotices(previous: StatusView | null, next: StatusView): Notice[] {
  if (previous === null) return [];
  const notices: Notice[] = [];
  if (next.conflicts > previous.conflicts) notices.push({ kind: 'conflicts', added: next.conflicts - previous.conflicts });
  if (next.suggestions > previous.suggestions) notices.push({ kind: 'suggestions', added: next.suggestions - previous.suggestions });
  const wasStopped = new Set(previous.accounts.filter((a) => a.pausedFor !== null).map((a) => a.id));
  const stopped = next.accounts.filter((a) => a.pausedFor !== null && !wasStopped.has(a.id)).map((a) => a.name);
  if (stopped.length) notices.push({ kind: 'safety-stop', accounts: stopped });
  return notices;
}

export function noticeText(notice: Notice, t: MainStrings): { title: string; body: string } {
  switch (notice.kind) {
    case 'conflicts':
      return { title: t.noticeConflictsTitle, body: t.noticeConflictsBody(notice.added) };
    case 'suggestions':
      return { title: t.noticeSuggestionsTitle, body: t.noticeSuggestionsBody(notice.added) };
    case 'safety-stop':
      return { title: t.noticeSafetyTitle, body: t.noticeSafetyBody(notice.accounts) };
  }
}

/** The parts of Electron's Notification class used here. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { on(event: 'click', listener: () => void): unknown; show(): void };
}

/** Shows each notice; a click opens the window. Returns how many were shown. */
export function showNotices(Notification: NotificationClass, notices: Notice[], t: MainStrings, onClick: () => void): number {
  if (!notices.length || !Notification.isSupported()) return 0;
  for (const notice of notices) {
    const n = new Notification(noticeText(notice, t));
    n.on('click', onClick);
    n.show();
  }
  return notices.length;
}
