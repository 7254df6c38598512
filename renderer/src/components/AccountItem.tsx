// One account in the Accounts list: name, kind, status and last sync, and a Remove button that
// asks for confirmation in place (no modal dialog, no window.confirm) before anything happens.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Account } from '../../../shared/model/account.ts';
import { useT } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';

export function AccountItem(props: { account: Account }): ReactNode {
  const t = useT();
  const client = useClient();
  const { account } = props;
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove(): Promise<void> {
    setRemoving(true);
    setError(null);
    try {
      await client.call('accounts.remove', { id: account.id });
      // The list refreshes from `accounts.changed`; this item then unmounts.
    } catch (cause) {
      setError(cause);
      setRemoving(false);
    }
  }

  const status = account.enabled ? account.status : 'paused';
  return (
    <li className="account-item" data-testid="account-item">
      <div className="account-main">
        <div className="account-title">
          <span className="account-name" title={account.name}>
            {account.name}
          </span>
          <span className="badge">{t(`accounts.kind.${account.kind}`)}</span>
        </div>
        <div className="account-meta">
          <span className={`status status-${status}`}>
            <span className="status-dot" aria-hidden="true" />
            {account.enabled ? t(`accounts.status.${account.status}`) : t('accounts.disabled')}
          </span>
          <span className="account-sync">
            {account.lastSyncedAt ? t('accounts.lastSync', { time: t.relative(account.lastSyncedAt) }) : t('accounts.neverSynced')}
          </span>
        </div>
        {account.lastError && <p className="account-error">{account.lastError}</p>}
        {account.settings.username && <p className="account-user">{account.settings.username}</p>}
      </div>
      <div className="account-actions">
        {!confirming && (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            {t('accounts.remove')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-label={t('accounts.remove')}>
          <p>{t('accounts.remove.confirm', { name: account.name })}</p>
          <div className="confirm-buttons">
            <button type="button" className="button button-danger" disabled={removing} onClick={() => void remove()}>
              {t('accounts.remove.yes')}
            </button>
            <button type="button" className="button" disabled={removing} onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </li>
  );
}
