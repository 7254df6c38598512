// "Sync now" in the sidebar: runs sync.run over every enabled account, shows progress from the
// sync.progress event while it runs, then one line saying what happened (or what needs the user:
// conflicts, a safety stop, errors). Background sync on a timer belongs to the tray app.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { SyncSummary } from '../../../shared/model/sync.ts';
import { errorKey, useT } from '../i18n/index.ts';
import { useClient, useEvent } from '../state/api.tsx';

type State = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; summary: SyncSummary } | { kind: 'failed'; message: string };

export function SyncButton(): ReactNode {
  const t = useT();
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEvent('sync.progress', (p) => {
    if (p.phase !== 'done') setState((s) => (s.kind === 'running' ? { kind: 'running', done: p.done, total: p.total } : s));
  });

  async function run(): Promise<void> {
    setState({ kind: 'running', done: 0, total: 0 });
    try {
      setState({ kind: 'done', summary: await client.call('sync.run', {}) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof ConcordError ? t(errorKey(error.code)) : t('sync.failed') });
    }
  }

  let line: string | null = null;
  if (state.kind === 'running') line = state.total > 0 ? t('sync.progress', { done: state.done, total: state.total }) : t('sync.running');
  else if (state.kind === 'failed') line = state.message;
  else if (state.kind === 'done') {
    const s = state.summary;
    line = s.paused
      ? t('sync.paused')
      : s.errors > 0
        ? t('sync.doneWithErrors', { errors: s.errors })
        : s.conflicts > 0
          ? t('sync.doneWithConflicts', { conflicts: s.conflicts })
          : t('sync.done', { created: s.created, updated: s.updated, deleted: s.deleted });
  }

  return (
    <div className="sync-box">
      <button type="button" className="sync-button" disabled={state.kind === 'running'} onClick={() => void run()}>
        {state.kind === 'running' ? t('sync.running') : t('sync.now')}
      </button>
      {line && (
        <p className="sync-result" role="status" data-testid="sync-result">
          {line}
        </p>
      )}
    </div>
  );
}
