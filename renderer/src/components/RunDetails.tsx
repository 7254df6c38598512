// One run in Activity: when and why it ran, its counts, its errors and notes, every change it made
// (history.changes, virtualised: a first sync writes thousands) and Undo behind a confirmation.
// Undo is offered only when the engine says the run still has contact changes to reverse.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { RunChangesPage, RunView } from '../../../shared/api/contract.ts';
import { useT } from '../i18n/index.ts';
import type { Translator } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { actionOf, mayUndo, runCounts, runErrors, runKind, runNotes, runPauses, statusOf } from './activity-model.ts';
import { fieldLabel } from './ConflictCard.tsx';
import { ConfirmBox } from './ConfirmBox.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { stopText } from './SafetyStopBanner.tsx';

const CHANGE_ROW = 44;
/** Changes loaded for one run; the count says when there are more. */
const CHANGE_LIMIT = 1000;

export function runTitle(t: Translator, run: RunView): string {
  return t(`review.trigger.${runKind(run)}`);
}

/** A run's errors or notes, one line each with the account it came from; nothing when there are none. */
function AccountLines(props: { title: string; className: string; lines: { account: string; text: string }[] }): ReactNode {
  if (props.lines.length === 0) return null;
  return (
    <div className="run-section">
      <h3>{props.title}</h3>
      <ul className={props.className}>
        {props.lines.map((line, i) => (
          <li key={i} className="selectable">
            <strong>{line.account}</strong> {line.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RunDetails(props: { run: RunView; busy: boolean; version: number; onUndo(run: RunView): void }): ReactNode {
  const t = useT();
  const client = useClient();
  const { run } = props;
  const [changes, setChanges] = useState<RunChangesPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let live = true;
    setConfirming(false);
    client.call('history.changes', { run: run.id, limit: CHANGE_LIMIT }).then(
      (page) => live && (setChanges(page), setError(null)),
      (cause: unknown) => live && setError(cause),
    );
    return () => {
      live = false;
    };
  }, [client, run.id, props.version]);

  const counts = runCounts(run);
  const errors = runErrors(run);
  const notes = runNotes(run);
  const status = statusOf(run.status);
  const canUndo = mayUndo(run) && changes?.undoable === true;
  const paused = runPauses(run);

  return (
    <section className="run-details" aria-labelledby="run-title" data-testid="run-details">
      <header className="run-head">
        <div>
          <h2 id="run-title">{runTitle(t, run)}</h2>
          <p className="run-when">
            {t.dateTime(run.startedAt)} · <span className={`run-status run-status-${status}`}>{t(`review.status.${status}`)}</span>
            {run.dryRun && ` · ${t('review.run.dryRun')}`}
          </p>
        </div>
        {canUndo && (
          <button type="button" className="button" disabled={props.busy} onClick={() => setConfirming(true)}>
            {t('review.run.undo')}
          </button>
        )}
      </header>
      {confirming && (
        <ConfirmBox
          label={t('review.run.undo')}
          question={t('review.run.undo.confirm')}
          yes={t('review.run.undo.yes')}
          busy={props.busy}
          onYes={() => {
            setConfirming(false);
            props.onUndo(run);
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
      <dl className="run-counts">
        {(['created', 'updated', 'deleted', 'conflicts', 'errors'] as const).map((k) => (
          <div key={k} className={`run-count run-count-${k}${counts[k] > 0 ? ' nonzero' : ''}`}>
            <dt>{t(`review.count.${k}`)}</dt>
            <dd>{t.number(counts[k])}</dd>
          </div>
        ))}
      </dl>
      {paused.map((p) => (
        <p key={p.account} className="run-paused">
          {stopText(t, p.account, p.reason)}
        </p>
      ))}
      <AccountLines title={t('review.run.errors')} className="run-errors" lines={errors.map((e) => ({ account: e.account, text: e.message }))} />
      <AccountLines title={t('review.run.notes')} className="run-notes" lines={notes.map((n) => ({ account: n.account, text: n.note }))} />
      <div className="run-section run-changes-section">
        <h3>
          {t('review.run.changes')}
          {changes && changes.total > 0 && <span className="run-changes-count"> {t.number(changes.total)}</span>}
        </h3>
        {error !== null && <ErrorNotice error={error} />}
        {changes && changes.total === 0 && <p className="muted">{t('review.run.noChanges')}</p>}
        {changes && changes.items.length > 0 && <ChangeList page={changes} />}
        {changes && changes.total > changes.items.length && <p className="muted">{t('review.run.moreChanges', { count: changes.total - changes.items.length })}</p>}
      </div>
    </section>
  );
}

function ChangeList(props: { page: RunChangesPage }): ReactNode {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const { items } = props.page;
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => CHANGE_ROW, overscan: 10 });
  return (
    <div ref={scroller} className="change-list" role="list" aria-label={t('review.run.changes')} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const c = items[row.index]!;
          const action = actionOf(c.action);
          const what = action ? t(`review.action.${action}`, { account: c.accountName ?? '' }) : c.action;
          return (
            <div key={row.index} role="listitem" className={c.undone ? 'change-row undone' : 'change-row'} style={{ height: CHANGE_ROW, transform: `translateY(${row.start}px)` }}>
              <span className="change-what">{what}</span>
              <span className="change-who selectable">{c.contactName || (c.contactId ? t('contacts.unnamed') : '')}</span>
              <span className="change-fields">
                {c.fields.map((f) => fieldLabel(t, f)).join(t('review.listSeparator'))}
                {c.undone && ` · ${t('review.run.undone')}`}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
