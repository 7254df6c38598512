// Accounts: the connected address books and the form to add one. The list comes from
// `accounts.list` and is replaced by every `accounts.changed` event, which carries the full list.
// A newly added account gets the first-sync preview before anything is written to it.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Account } from '../../../shared/model/account.ts';
import { AccountItem } from '../components/AccountItem.tsx';
import { AddAccountForm } from '../components/AddAccountForm.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { FirstSyncPreview } from '../components/setup/FirstSyncPreview.tsx';
import { useT } from '../i18n/index.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';

export function AccountsScreen(props: { startAdding?: boolean; previewIds?: string[] }): ReactNode {
  const t = useT();
  const client = useClient();
  const reconnects = useReconnects();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(props.startAdding ?? false);
  const [attempt, setAttempt] = useState(0);
  /** Accounts whose first sync is being previewed (just added, or the sample data). */
  const [previewing, setPreviewing] = useState<string[] | null>(props.previewIds ?? null);

  useEffect(() => {
    let live = true;
    client.call('accounts.list', {}).then(
      (list) => {
        if (!live) return;
        setAccounts(list);
        setError(null);
      },
      (cause: unknown) => live && setError(cause),
    );
    return () => {
      live = false;
    };
  }, [client, reconnects, attempt]);

  useEvent('accounts.changed', ({ accounts: list }) => setAccounts(list));

  const addButton = (
    <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
      <Icon name="plus" size={16} />
      {t('accounts.add')}
    </button>
  );

  return (
    <div className="screen accounts-screen">
      <header className="screen-header">
        <h1>{t('accounts.title')}</h1>
        <div className="screen-header-actions">{!adding && accounts !== null && accounts.length > 0 && addButton}</div>
      </header>
      <div className="screen-scroll">
        <div className="screen-column">
          {error !== null && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
          {adding && (
            <AddAccountForm
              onAdded={(account) => {
                setAccounts((list) => (list && !list.some((a) => a.id === account.id) ? [...list, account] : list));
                setAdding(false);
                // Every kind, Google included (signed in by now), gets the first-sync preview.
                setPreviewing([account.id]);
              }}
              onCancel={() => setAdding(false)}
            />
          )}
          {previewing && <FirstSyncPreview accountIds={previewing} onClose={() => setPreviewing(null)} />}
          {accounts !== null && accounts.length === 0 && !adding && (
            <EmptyState title={t('accounts.empty')} hint={t('accounts.empty.hint')} action={addButton} />
          )}
          {accounts !== null && accounts.length > 0 && (
            <ul className="account-list" aria-label={t('accounts.list.label')}>
              {accounts.map((account) => (
                <AccountItem key={account.id} account={account} />
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
