// One account in the Accounts list: name, kind, status and last sync, its problem in plain words
// with the fix (account-problems.ts), a Settings disclosure with the account's settings, and a
// Remove button that asks for confirmation in place (no modal, no window.confirm).
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Account } from '../../../shared/model/account.ts';
import { useT } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { accountProblemKey } from './setup/account-problems.ts';
import { AccountSettingsPanel } from './setup/AccountSettingsPanel.tsx';

export function AccountItem(props: { account: Account }): ReactNode {
  const t = useT();
  const client = useClient();
  const { account } = props;
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [open, setOpen] = useState(false);
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
  const problem = accountProblemKey(account);
  const panelId = `account-settings-${account.id}`;
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
        {problem && (
          <div className="account-error" role="note">
            <p>{t(problem)}</p>
            {account.lastError && <p className="error-detail">{t('error.details', { message: account.lastError })}</p>}
          </div>
        )}
        {account.settings.username && <p className="account-user">{account.settings.username}</p>}
      </div>
      <div className="account-actions">
        <button type="button" className="button button-quiet" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          {t('setup.account.settings')}
        </button>
        {!confirming && (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            {t('accounts.remove')}
          </button>
        )}
      </div>
      {open && (
        <div id={panelId} className="account-panel">
          <AccountSettingsPanel account={account} />
        </div>
      )}
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
