// Conflicts: one card per open conflict (virtualised: a first sync can raise hundreds), bulk
// actions per field group ("use Google for all name conflicts") behind a confirmation, and keyboard
// movement between cards (↑/↓ on a focused card). The list is conflicts.list, asked again on every
// conflicts.changed; a decision is one conflicts.resolve / conflicts.choose call.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { ConcordClient } from '../../../shared/api/client.ts';
import type { ConflictView } from '../../../shared/api/contract.ts';
import { ConflictCard, fieldLabel } from '../components/ConflictCard.tsx';
import type { ConflictDecision } from '../components/ConflictCard.tsx';
import { bulkDecisions, bulkOptions } from '../components/conflicts-model.ts';
import type { BulkOption } from '../components/conflicts-model.ts';
import { ConfirmBox } from '../components/ConfirmBox.tsx';
import { useReviewData } from '../components/review-data.ts';
import { ReviewBody } from '../components/ReviewBody.tsx';
import { useT } from '../i18n/index.ts';
import { useClient, useEvent } from '../state/api.tsx';

const CARD_ESTIMATE = 236;

/** Module-level so its identity holds between renders (useReviewData asks again when it changes). */
const fetchConflicts = (client: ConcordClient) => client.call('conflicts.list', {});

export function ConflictsScreen(): ReactNode {
  const t = useT();
  const client = useClient();
  const { data: conflicts, error, busy, load, retry, act } = useReviewData(fetchConflicts);
  const [notice, setNotice] = useState<string | null>(null);
  useEvent('conflicts.changed', load);

  async function decide(c: ConflictView, d: ConflictDecision): Promise<void> {
    await act(async () => {
      if ('keep' in d) await client.call('conflicts.resolve', { id: c.id, keep: d.keep });
      else if ('accountId' in d) await client.call('conflicts.choose', { id: c.id, accountId: d.accountId });
      else await client.call('conflicts.choose', { id: c.id, value: d.value as never });
      setNotice(t('review.conflict.decided', { name: c.contactName || t('contacts.unnamed'), field: fieldLabel(t, c.field) }));
    });
  }

  async function bulk(option: BulkOption): Promise<void> {
    if (!conflicts) return;
    await act(async () => {
      let done = 0;
      let left = 0;
      for (const d of bulkDecisions(conflicts, option.group, option.accountId)) {
        try {
          if (d.method === 'conflicts.resolve') await client.call('conflicts.resolve', d.params);
          else await client.call('conflicts.choose', d.params);
          done++;
        } catch {
          // The account holds no copy of that contact (or it was decided meanwhile): it stays for the user.
          left++;
        }
      }
      setNotice(left === 0 ? t.plural('review.bulk.done', done) : t('review.bulk.partly', { done, left }));
    });
  }

  const count = conflicts?.length ?? 0;
  return (
    <div className="screen review-screen conflicts-screen">
      <header className="screen-header">
        <h1>{t('review.conflicts.title')}</h1>
        <p className="contact-count" aria-live="polite" data-testid="conflict-count">
          {conflicts === null || count === 0 ? '' : t.plural('review.conflicts.count', count)}
        </p>
      </header>
      <ReviewBody items={conflicts} notice={notice} error={error} onRetry={retry} empty={{ title: t('review.conflicts.empty'), hint: t('review.conflicts.empty.hint') }}>
        {(list) => (
          <>
            <BulkBar conflicts={list} busy={busy} onApply={(o) => void bulk(o)} />
            <ConflictList conflicts={list} busy={busy} onDecide={(c, d) => void decide(c, d)} />
          </>
        )}
      </ReviewBody>
    </div>
  );
}

function BulkBar(props: { conflicts: ConflictView[]; busy: boolean; onApply(option: BulkOption): void }): ReactNode {
  const t = useT();
  const [asking, setAsking] = useState<BulkOption | null>(null);
  const options = bulkOptions(props.conflicts);
  if (options.length === 0) return null;
  const text = (o: BulkOption) => t('review.bulk.use', { account: o.accountName, field: t(`review.field.${o.group}`), count: o.count });
  return (
    <section className="bulk-bar" aria-label={t('review.bulk.label')}>
      {asking ? (
        <ConfirmBox
          label={t('review.bulk.label')}
          question={t('review.bulk.confirm', { account: asking.accountName, field: t(`review.field.${asking.group}`), count: asking.count })}
          yes={t('review.bulk.apply')}
          busy={props.busy}
          onYes={() => {
            props.onApply(asking);
            setAsking(null);
          }}
          onCancel={() => setAsking(null)}
        />
      ) : (
        <>
          <span className="bulk-title">{t('review.bulk.label')}</span>
          {options.map((o) => (
            <button key={`${o.group}:${o.accountId}`} type="button" className="button" disabled={props.busy} onClick={() => setAsking(o)}>
              {text(o)}
            </button>
          ))}
        </>
      )}
    </section>
  );
}

function ConflictList(props: { conflicts: ConflictView[]; busy: boolean; onDecide(c: ConflictView, d: ConflictDecision): void }): ReactNode {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const { conflicts } = props;
  const virtualizer = useVirtualizer({
    count: conflicts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_ESTIMATE,
    overscan: 3,
    getItemKey: (i) => conflicts[i]!.id,
  });

  function focusCard(index: number): void {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // The card may only exist after the virtualiser rendered it.
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-conflict-index="${index}"]`)?.focus());
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-conflict-index]');
    if (!card || e.target !== card) return;
    const index = Number(card.dataset.conflictIndex);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: conflicts.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    focusCard(Math.max(0, Math.min(conflicts.length - 1, target)));
  }

  return (
    <div ref={scroller} className="review-scroll" role="region" aria-label={t('review.conflicts.list')} onKeyDown={onKeyDown}>
      <div className="review-scroll-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const c = conflicts[row.index]!;
          return (
            <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="review-row" style={{ transform: `translateY(${row.start}px)` }}>
              <ConflictCard conflict={c} index={row.index} busy={props.busy} onDecide={(d) => props.onDecide(c, d)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
