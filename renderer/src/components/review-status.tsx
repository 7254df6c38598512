// What the review screens share: `status.get` (open conflicts, merge suggestions, safety stops),
// asked once for the whole app and asked again when the engine says something changed. The
// sidebar badges, the safety-stop banner and the screens read the same copy, so they never
// disagree. Invariant: a missed event costs at most one stale badge until the next event or
// reconnect (useReconnects), never a wrong decision: every action re-checks with the engine.
import { createContext, createElement, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { StatusView } from '../../../shared/api/contract.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';

interface ReviewStatus {
  status: StatusView | null;
  /** Asks status.get again now (after a decision made on this screen). */
  refresh(): void;
}

const ReviewStatusContext = createContext<ReviewStatus>({ status: null, refresh: () => {} });

/** Events come in bursts during a sync (contacts.changed per chunk): one status.get per burst. */
const SETTLE_MS = 250;

export function ReviewStatusProvider(props: { children: ReactNode }): ReactNode {
  const client = useClient();
  const reconnects = useReconnects();
  const [status, setStatus] = useState<StatusView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);

  const refresh = useCallback(() => {
    const ticket = ++asked.current;
    client.call('status.get', {}).then(
      (s) => ticket === asked.current && setStatus(s),
      () => {},
    );
  }, [client]);

  const soon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(refresh, SETTLE_MS);
  }, [refresh]);

  useEffect(() => {
    refresh();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [refresh, reconnects]);

  useEvent('conflicts.changed', soon);
  useEvent('contacts.changed', soon);
  useEvent('accounts.changed', soon);
  useEvent('sync.progress', (p) => {
    if (p.phase === 'done') soon();
  });

  return createElement(ReviewStatusContext.Provider, { value: { status, refresh } }, props.children);
}

export function useReviewStatus(): ReviewStatus {
  return useContext(ReviewStatusContext);
}

/** The count badge of a sidebar entry; nothing when there is nothing to review. */
export function ReviewBadge(props: { count: 'conflicts' | 'suggestions'; describe(n: number): string }): ReactNode {
  const { status } = useReviewStatus();
  const n = status?.[props.count] ?? 0;
  if (n === 0) return null;
  return (
    <span className="nav-badge" data-testid={`badge-${props.count}`}>
      <span aria-hidden="true">{n > 999 ? '999+' : n}</span>
      <span className="visually-hidden">{props.describe(n)}</span>
    </span>
  );
}
