// Activity: the safety stop when one is pending, the runs (virtualised listbox, newest first, ↑/↓
// to move) and the selected run's details with Undo. Runs are history.runs, asked again when a
// sync ends, contacts change (merges, undos, imports) or the connection comes back.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ConcordClient } from '../../../shared/api/client.ts';
import type { RunView } from '../../../shared/api/contract.ts';
import { runCounts, statusOf } from '../components/activity-model.ts';
import { useReviewData } from '../components/review-data.ts';
import { ReviewBody } from '../components/ReviewBody.tsx';
import { ReviewListbox } from '../components/ReviewListbox.tsx';
import { RunDetails, runTitle } from '../components/RunDetails.tsx';
import { SafetyStopBanner } from '../components/SafetyStopBanner.tsx';
import { useT } from '../i18n/index.ts';
import type { Translator } from '../i18n/index.ts';
import { useClient, useEvent } from '../state/api.tsx';

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

/** Module-level so its identity holds between renders (useReviewData asks again when it changes). */
const fetchRuns = (client: ConcordClient) => client.call('history.runs', { limit: RUNS });

export function ActivityScreen(): ReactNode {
  const t = useT();
  const client = useClient();
  const { data: runs, error, version, busy, load, retry, act } = useReviewData(fetchRuns);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEvent('contacts.changed', load);
  useEvent('sync.progress', (p) => {
    if (p.phase === 'done') load();
  });

  const selected = runs?.find((r) => r.id === selectedId) ?? runs?.[0] ?? null;

  async function undo(run: RunView): Promise<void> {
    await act(async () => {
      const r = await client.call('history.undo', { run: run.id });
      setNotice(t.plural('review.run.undoneCount', r.reversed));
      setSelectedId(r.undoRun);
    });
  }

  return (
    <div className="screen review-screen activity-screen">
      <header className="screen-header">
        <h1>{t('review.activity.title')}</h1>
      </header>
      <SafetyStopBanner placement="activity" />
      <ReviewBody items={runs} notice={notice} error={error} onRetry={retry} empty={{ title: t('review.activity.empty'), hint: t('review.activity.empty.hint') }}>
        {(list) => (
          <div className="review-split">
            <ReviewListbox items={list} rowHeight={ROW_HEIGHT} idPrefix="run-row" label={t('review.activity.list')} selectedId={selected?.id ?? null} onSelect={setSelectedId}>
              {(run) => <RunRow run={run} />}
            </ReviewListbox>
            <div className="review-detail-pane">{selected && <RunDetails run={selected} busy={busy} version={version} onUndo={(r) => void undo(r)} />}</div>
          </div>
        )}
      </ReviewBody>
    </div>
  );
}

function RunRow(props: { run: RunView }): ReactNode {
  const t = useT();
  const { run } = props;
  const status = statusOf(run.status);
  return (
    <>
      <span className="review-row-title">
        <span className={`status-dot run-dot-${status}`} aria-hidden="true" />
        <span className="review-row-name">{runTitle(t, run)}</span>
        <span className="review-row-time">{t.relative(run.startedAt)}</span>
      </span>
      <span className="review-row-sub">{countsLine(t, run)}</span>
    </>
  );
}
