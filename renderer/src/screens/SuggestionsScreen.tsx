// Merge suggestions: the clusters on the left (virtualised listbox, ↑/↓ to move), the selected one
// decided on the right (SuggestionDetail). "Merge all high-confidence" merges the high tier after a
// confirmation; every merge is a run, and the notice after it offers Undo (history.undo).
// "Later" only moves a suggestion to the end of the list for this session; the engine is not told.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ConcordClient } from '../../../shared/api/client.ts';
import type { DuplicateClusterView } from '../../../shared/api/contract.ts';
import { ConfirmBox } from '../components/ConfirmBox.tsx';
import { useReviewData } from '../components/review-data.ts';
import { ReviewBody } from '../components/ReviewBody.tsx';
import { ReviewListbox } from '../components/ReviewListbox.tsx';
import { SuggestionDetail } from '../components/SuggestionDetail.tsx';
import type { SuggestionDecision } from '../components/SuggestionDetail.tsx';
import { orderWithLater, scorePercent } from '../components/suggestions-model.ts';
import { useT } from '../i18n/index.ts';
import { useClient, useEvent } from '../state/api.tsx';

const ROW_HEIGHT = 64;
/** The most suggestions shown at once; the rest follow as these are decided. */
const PAGE = 500;

type Notice = { text: string; undoRun: number | null };

/** Module-level so its identity holds between renders (useReviewData asks again when it changes). */
const fetchPage = (client: ConcordClient) => client.call('duplicates.list', { limit: PAGE });

export function SuggestionsScreen(): ReactNode {
  const t = useT();
  const client = useClient();
  const { data: page, error, busy, load, retry, act: run } = useReviewData(fetchPage);
  const [later, setLater] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmTier, setConfirmTier] = useState(false);
  useEvent('contacts.changed', load);

  const items = page ? orderWithLater(page.items, later) : [];
  const selected = items.find((c) => c.id === selectedId) ?? items[0] ?? null;
  const high = items.filter((c) => c.tier === 'high');

  async function act<T>(work: () => Promise<T>, after: (result: T) => Notice | null): Promise<void> {
    await run(async () => setNotice(after(await work())));
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
        <ConfirmBox
          className="review-confirm"
          label={t('review.suggestion.mergeHigh', { count: high.length })}
          question={t.plural('review.suggestion.mergeHigh.confirm', high.length)}
          yes={t('review.suggestion.mergeHigh.yes')}
          onYes={() => void mergeHigh()}
          onCancel={() => setConfirmTier(false)}
        />
      )}
      <ReviewBody
        items={page ? items : null}
        notice={
          notice && (
            <>
              {notice.text}
              {notice.undoRun !== null && (
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => void undo(notice.undoRun!)}>
                  {t('review.undo')}
                </button>
              )}
            </>
          )
        }
        error={error}
        onRetry={retry}
        empty={{ title: t('review.suggestions.empty'), hint: t('review.suggestions.empty.hint') }}
      >
        {(list) => (
          <div className="review-split">
            <ReviewListbox items={list} rowHeight={ROW_HEIGHT} idPrefix="suggestion-row" label={t('review.suggestions.list')} selectedId={selected?.id ?? null} onSelect={setSelectedId}>
              {(c) => <SuggestionRow cluster={c} later={later.includes(c.id)} />}
            </ReviewListbox>
            <div className="review-detail-pane">
              {selected && <SuggestionDetail key={selected.id} cluster={selected} busy={busy} onDecide={(d) => decide(selected, d)} />}
            </div>
          </div>
        )}
      </ReviewBody>
    </div>
  );
}

function SuggestionRow(props: { cluster: DuplicateClusterView; later: boolean }): ReactNode {
  const t = useT();
  const c = props.cluster;
  return (
    <>
      <span className="review-row-title">{c.contacts.map((m) => m.displayName || t('contacts.unnamed')).join(' · ')}</span>
      <span className="review-row-sub">
        <span className={`tier tier-${c.tier}`}>{t(`review.tier.${c.tier}`)}</span>
        {t('review.suggestion.score', { score: scorePercent(c.score) })}
        {props.later && ` · ${t('review.suggestion.later.mark')}`}
      </span>
    </>
  );
}
