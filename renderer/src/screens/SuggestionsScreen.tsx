// Merge suggestions: the clusters on the left (virtualised listbox, ↑/↓ to move), the selected one
// decided on the right (SuggestionDetail). "Merge all high-confidence" merges the high tier after a
// confirmation; every merge is a run, and the notice after it offers Undo (history.undo).
// "Later" only moves a suggestion to the end of the list for this session; the engine is not told.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { DuplicateClusterView } from '../../../shared/api/contract.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useReviewStatus } from '../components/review-status.tsx';
import { SuggestionDetail } from '../components/SuggestionDetail.tsx';
import type { SuggestionDecision } from '../components/SuggestionDetail.tsx';
import { orderWithLater, scorePercent } from '../components/suggestions-model.ts';
import { useT } from '../i18n/index.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';

const ROW_HEIGHT = 64;
/** The most suggestions shown at once; the rest follow as these are decided. */
const PAGE = 500;

type Notice = { text: string; undoRun: number | null };

export function SuggestionsScreen(): ReactNode {
  const t = useT();
  const client = useClient();
  const reconnects = useReconnects();
  const { refresh: refreshStatus } = useReviewStatus();
  const [page, setPage] = useState<{ total: number; items: DuplicateClusterView[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [later, setLater] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmTier, setConfirmTier] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(() => {
    client.call('duplicates.list', { limit: PAGE }).then(
      (p) => {
        setPage({ total: p.total, items: p.items });
        setError(null);
      },
      (cause: unknown) => setError(cause),
    );
  }, [client]);
  useEffect(load, [load, reconnects, attempt]);
  useEvent('contacts.changed', load);

  const items = page ? orderWithLater(page.items, later) : [];
  const selected = items.find((c) => c.id === selectedId) ?? items[0] ?? null;
  const high = items.filter((c) => c.tier === 'high');

  async function act<T>(work: () => Promise<T>, after: (result: T) => Notice | null): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setNotice(after(await work()));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      load();
      refreshStatus();
    }
  }

  function decide(cluster: DuplicateClusterView, d: SuggestionDecision): void {
    const next = items[items.indexOf(cluster) + 1]?.id ?? null;
    if ('later' in d) {
      setLater((l) => [...l.filter((id) => id !== cluster.id), cluster.id]);
      setSelectedId(next);
      return;
    }
    setSelectedId(next);
    if ('dismiss' in d) {
      void act(
        () => client.call('duplicates.dismiss', { id: cluster.id }),
        () => ({ text: t('review.suggestion.dismissed'), undoRun: null }),
      );
      return;
    }
    const name = cluster.contacts.find((c) => c.id === d.merge.survivorId)?.displayName ?? '';
    void act(
      () => client.call('duplicates.merge', { id: cluster.id, survivorId: d.merge.survivorId, choices: d.merge.choices }),
      (r) => ({ text: t('review.suggestion.merged', { name, count: r.merged.length + 1 }), undoRun: r.run }),
    );
  }

  async function mergeHigh(): Promise<void> {
    setConfirmTier(false);
    // One run for the whole tier (duplicates.mergeTier): one Undo takes every merge back.
    await act(
      () => client.call('duplicates.mergeTier', { tier: 'high' }),
      (r) => ({ text: t.plural('review.suggestion.mergedTier', r.merged), undoRun: r.run }),
    );
  }

  async function undo(run: number): Promise<void> {
    await act(
      () => client.call('history.undo', { run }),
      () => ({ text: t('review.undone'), undoRun: null }),
    );
  }

  async function scan(): Promise<void> {
    await act(
      () => client.call('duplicates.scan', {}),
      (r) => ({ text: t.plural('review.suggestion.scanned', r.clusters), undoRun: null }),
    );
  }

  return (
    <div className="screen review-screen suggestions-screen">
      <header className="screen-header">
        <h1>{t('review.suggestions.title')}</h1>
        <p className="contact-count" aria-live="polite" data-testid="suggestion-count">
          {page && page.total > 0 ? t.plural('review.suggestions.count', page.total) : ''}
        </p>
        <div className="screen-header-actions">
          {high.length > 0 && (
            <button type="button" className="button" disabled={busy} onClick={() => setConfirmTier(true)}>
              {t('review.suggestion.mergeHigh', { count: high.length })}
            </button>
          )}
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void scan()}>
            {t('review.suggestion.scan')}
          </button>
        </div>
      </header>
      {confirmTier && (
        <div className="confirm review-confirm" role="group" aria-label={t('review.suggestion.mergeHigh', { count: high.length })}>
          <p>{t.plural('review.suggestion.mergeHigh.confirm', high.length)}</p>
          <div className="confirm-buttons">
            <button type="button" className="button button-primary" onClick={() => void mergeHigh()}>
              {t('review.suggestion.mergeHigh.yes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirmTier(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <p className="review-notice" role="status" data-testid="review-notice">
          {notice.text}
          {notice.undoRun !== null && (
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => void undo(notice.undoRun!)}>
              {t('review.undo')}
            </button>
          )}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {page === null ? (
        error === null && <div className="list-loading" aria-busy="true" />
      ) : items.length === 0 ? (
        <EmptyState title={t('review.suggestions.empty')} hint={t('review.suggestions.empty.hint')} />
      ) : (
        <div className="review-split">
          <SuggestionList items={items} selectedId={selected?.id ?? null} later={later} onSelect={setSelectedId} />
          <div className="review-detail-pane">
            {selected && <SuggestionDetail key={selected.id} cluster={selected} busy={busy} onDecide={(d) => decide(selected, d)} />}
          </div>
        </div>
      )}
    </div>
  );
}

function SuggestionList(props: { items: DuplicateClusterView[]; selectedId: string | null; later: string[]; onSelect(id: string): void }): ReactNode {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const { items } = props;
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const selectedIndex = items.findIndex((c) => c.id === props.selectedId);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, Home: 0, End: items.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, target));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    props.onSelect(items[next]!.id);
  }

  return (
    <div
      ref={scroller}
      className="review-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('review.suggestions.list')}
      aria-activedescendant={selectedIndex >= 0 ? `suggestion-row-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="review-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const c = items[row.index]!;
          const selected = row.index === selectedIndex;
          return (
            <div
              key={c.id}
              id={`suggestion-row-${row.index}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'review-row-item selected' : 'review-row-item'}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={() => props.onSelect(c.id)}
            >
              <span className="review-row-title">{c.contacts.map((m) => m.displayName || t('contacts.unnamed')).join(' · ')}</span>
              <span className="review-row-sub">
                <span className={`tier tier-${c.tier}`}>{t(`review.tier.${c.tier}`)}</span>
                {t('review.suggestion.score', { score: scorePercent(c.score) })}
                {props.later.includes(c.id) && ` · ${t('review.suggestion.later.mark')}`}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
