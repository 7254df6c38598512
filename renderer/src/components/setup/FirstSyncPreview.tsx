// "Before the first write": runs sync.run { accountIds, dryRun: true } for new accounts and shows
// what the real run would do (links, new contacts each way, suggestions, conflicts), then Start
// runs it for real and Cancel turns the accounts off so no scheduled sync writes behind the
// user's back. A dry run executes the real code and rolls back (electron/engine/sync/dry-run.ts),
// so the numbers are the ones the real run will produce.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { SyncSummary } from '../../../../shared/model/sync.ts';
import { useT } from '../../i18n/index.ts';
import { useClient } from '../../state/api.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { previewModel } from './preview-model.ts';
import type { PreviewRow } from './preview-model.ts';

type Phase = { at: 'previewing' } | { at: 'ready'; summary: SyncSummary } | { at: 'running' } | { at: 'done'; summary: SyncSummary } | { at: 'failed'; error: unknown };

const columns = ['linked', 'toConcord', 'toAccount', 'changed', 'removed', 'suggestions', 'conflicts'] as const;

export function FirstSyncPreview(props: { accountIds: string[]; onClose(): void }): ReactNode {
  const t = useT();
  const client = useClient();
  const [phase, setPhase] = useState<Phase>({ at: 'previewing' });
  const [attempt, setAttempt] = useState(0);
  const ids = props.accountIds.join(',');

  useEffect(() => {
    let live = true;
    setPhase({ at: 'previewing' });
    client.call('sync.run', { accountIds: ids.split(','), dryRun: true }).then(
      (summary) => live && setPhase({ at: 'ready', summary }),
      (error: unknown) => live && setPhase({ at: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [client, ids, attempt]);

  async function start(): Promise<void> {
    setPhase({ at: 'running' });
    try {
      setPhase({ at: 'done', summary: await client.call('sync.run', { accountIds: ids.split(',') }) });
    } catch (error) {
      setPhase({ at: 'failed', error });
    }
  }

  async function cancel(): Promise<void> {
    // Turned off, not removed: the user may come back, look at the settings and turn it on.
    await Promise.allSettled(props.accountIds.map((id) => client.call('accounts.update', { id, enabled: false })));
    props.onClose();
  }

  const shown = phase.at === 'ready' || phase.at === 'done' ? phase.summary : null;
  const model = shown ? previewModel(shown) : null;
  const cell = (row: Omit<PreviewRow, 'accountId' | 'name' | 'paused'>, key: (typeof columns)[number]) => (
    <td key={key} className={row[key] === 0 ? 'num zero' : 'num'}>
      {t.number(row[key])}
    </td>
  );

  return (
    <section className="card first-sync" aria-labelledby="first-sync-title" data-testid="first-sync">
      <h2 id="first-sync-title">{phase.at === 'done' ? t('setup.preview.doneTitle') : t('setup.preview.title')}</h2>
      {phase.at === 'previewing' && <p aria-busy="true">{t('setup.preview.working')}</p>}
      {phase.at === 'running' && <p aria-busy="true">{t('sync.running')}</p>}
      {phase.at === 'failed' && <ErrorNotice error={phase.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {model && (
        <>
          <p className="form-help">{phase.at === 'done' ? t('setup.preview.doneIntro') : t('setup.preview.intro')}</p>
          <div className="table-scroll">
            <table className="preview-table">
              <thead>
                <tr>
                  <th scope="col">{t('setup.preview.account')}</th>
                  {columns.map((c) => (
                    <th key={c} scope="col" className="num">
                      {t(`setup.preview.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {model.rows.map((row) => (
                  <tr key={row.accountId}>
                    <th scope="row">{row.name}</th>
                    {columns.map((c) => cell(row, c))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {model.nothingToDo && <p className="form-help">{t('setup.preview.nothing')}</p>}
          {model.totals.errors > 0 && <p className="account-error">{t('setup.preview.errors', { count: model.totals.errors })}</p>}
          {model.paused && <p className="account-error">{t('sync.paused')}</p>}
        </>
      )}
      {phase.at === 'ready' && <p className="field-hint">{t('setup.preview.cancelHint')}</p>}
      <div className="form-buttons">
        {phase.at === 'ready' && (
          <>
            <button type="button" className="button button-primary" onClick={() => void start()} data-testid="first-sync-start">
              {t('setup.preview.start')}
            </button>
            <button type="button" className="button" onClick={() => void cancel()}>
              {t('common.cancel')}
            </button>
          </>
        )}
        {(phase.at === 'done' || phase.at === 'failed') && (
          <button type="button" className="button" onClick={props.onClose}>
            {t('setup.close')}
          </button>
        )}
      </div>
    </section>
  );
}
