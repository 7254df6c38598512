// Activity: the safety stop when one is pending, the runs (virtualised listbox, newest first, ↑/↓
// to move) and the selected run's details with Undo. Runs are history.runs, asked again when a
// sync ends, contacts change (merges, undos, imports) or the connection comes back.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { RunView } from '../../../shared/api/contract.ts';
import { runCounts, statusOf } from '../components/activity-model.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useReviewStatus } from '../components/review-status.tsx';
import { RunDetails, runTitle } from '../components/RunDetails.tsx';
import { SafetyStopBanner } from '../components/SafetyStopBanner.tsx';
import { useT } from '../i18n/index.ts';
import type { Translator } from '../i18n/index.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';

const ROW_HEIGHT = 58;
const RUNS = 500;

function countsLine(t: Translator, run: RunView): string {
  const c = runCounts(run);
  const parts = [
    c.created > 0 && t('review.short.created', { count: c.created }),
    c.updated > 0 && t('review.short.updated', { count: c.updated }),
    c.deleted > 0 && t('review.short.deleted', { count: c.deleted }),
    c.conflicts > 0 && t('review.short.conflicts', { count: c.conflicts }),
    c.errors > 0 && t('review.short.errors', { count: c.errors }),
  ].filter((x): x is string => typeof x === 'string');
  const status = statusOf(run.status);
  // A run that did not finish well says so first: that is what the user needs to see in the list.
  if (status !== 'ok') parts.unshift(t(`review.status.${status}`));
  return parts.length > 0 ? parts.join(t('review.listSeparator')) : t('review.short.none');
}

export function ActivityScreen(): ReactNode {
  const t = useT();
  const client = useClient();
  const reconnects = useReconnects();
  const { refresh: refreshStatus } = useReviewStatus();
  const [runs, setRuns] = useState<RunView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(() => {
    client.call('history.runs', { limit: RUNS }).then(
      (list) => {
        setRuns(list);
        setError(null);
        setVersion((v) => v + 1);
      },
      (cause: unknown) => setError(cause),
    );
  }, [client]);
  useEffect(load, [load, reconnects, attempt]);
  useEvent('contacts.changed', load);
  useEvent('sync.progress', (p) => {
    if (p.phase === 'done') load();
  });

  const selected = runs?.find((r) => r.id === selectedId) ?? runs?.[0] ?? null;

  async function undo(run: RunView): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = await client.call('history.undo', { run: run.id });
      setNotice(t.plural('review.run.undoneCount', r.reversed));
      setSelectedId(r.undoRun);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      load();
      refreshStatus();
    }
  }

  return (
    <div className="screen review-screen activity-screen">
      <header className="screen-header">
        <h1>{t('review.activity.title')}</h1>
      </header>
      <SafetyStopBanner placement="activity" />
      {notice && (
        <p className="review-notice" role="status" data-testid="review-notice">
          {notice}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {runs === null ? (
        error === null && <div className="list-loading" aria-busy="true" />
      ) : runs.length === 0 ? (
        <EmptyState title={t('review.activity.empty')} hint={t('review.activity.empty.hint')} />
      ) : (
        <div className="review-split">
          <RunList runs={runs} selectedId={selected?.id ?? null} onSelect={setSelectedId} />
          <div className="review-detail-pane">{selected && <RunDetails run={selected} busy={busy} version={version} onUndo={(r) => void undo(r)} />}</div>
        </div>
      )}
    </div>
  );
}

function RunList(props: { runs: RunView[]; selectedId: number | null; onSelect(id: number): void }): ReactNode {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const { runs } = props;
  const virtualizer = useVirtualizer({ count: runs.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const selectedIndex = runs.findIndex((r) => r.id === props.selectedId);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, Home: 0, End: runs.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(runs.length - 1, target));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    props.onSelect(runs[next]!.id);
  }

  return (
    <div
      ref={scroller}
      className="review-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('review.activity.list')}
      aria-activedescendant={selectedIndex >= 0 ? `run-row-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="review-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const run = runs[row.index]!;
          const selected = row.index === selectedIndex;
          const status = statusOf(run.status);
          return (
            <div
              key={run.id}
              id={`run-row-${row.index}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'review-row-item selected' : 'review-row-item'}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={() => props.onSelect(run.id)}
            >
              <span className="review-row-title">
                <span className={`status-dot run-dot-${status}`} aria-hidden="true" />
                <span className="review-row-name">{runTitle(t, run)}</span>
                <span className="review-row-time">{t.relative(run.startedAt)}</span>
              </span>
              <span className="review-row-sub">{countsLine(t, run)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
