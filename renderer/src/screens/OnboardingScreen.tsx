// The first screen of an empty Concord (no accounts, no contacts): try it with sample data (two
// generated address books, no credentials: demo.load) or add a real account. Either way the next
// step is the first-sync preview on the Accounts screen, so nothing is written unseen.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/index.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';

/** true when the hub has neither accounts nor contacts; null until known. Follows the engine's events. */
export function useEmptyHub(): boolean | null {
  const client = useClient();
  const reconnects = useReconnects();
  const [empty, setEmpty] = useState<boolean | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    client.call('status.get', {}).then(
      (s) => live && setEmpty(s.accounts.length === 0 && s.contacts === 0 && s.trash === 0),
      () => live && setEmpty(false),
    );
    return () => {
      live = false;
    };
  }, [client, reconnects, version]);
  useEvent('accounts.changed', () => setVersion((v) => v + 1));
  useEvent('contacts.changed', () => setVersion((v) => v + 1));
  return empty;
}

export function OnboardingScreen(props: { onAddAccount(): void; onSampleLoaded(accountIds: string[]): void }): ReactNode {
  const t = useT();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function trySample(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const { accounts } = await client.call('demo.load', {});
      props.onSampleLoaded(accounts.map((a) => a.id));
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  }

  return (
    <div className="screen onboarding-screen">
      <div className="screen-scroll">
        <div className="screen-column onboarding">
          <h1>{t('setup.welcome.title')}</h1>
          <p className="onboarding-intro">{t('setup.welcome.intro')}</p>
          {error !== null && <ErrorNotice error={error} />}
          <div className="onboarding-choices">
            <section className="card onboarding-choice" aria-labelledby="onboarding-sample">
              <h2 id="onboarding-sample">{t('setup.welcome.sample')}</h2>
              <p>{t('setup.welcome.sample.hint')}</p>
              <button type="button" className="button" disabled={busy} onClick={() => void trySample()}>
                {busy ? t('setup.welcome.sample.loading') : t('setup.welcome.sample.action')}
              </button>
            </section>
            <section className="card onboarding-choice" aria-labelledby="onboarding-account">
              <h2 id="onboarding-account">{t('setup.welcome.account')}</h2>
              <p>{t('setup.welcome.account.hint')}</p>
              <button type="button" className="button button-primary" disabled={busy} onClick={props.onAddAccount}>
                {t('contacts.empty.action')}
              </button>
            </section>
          </div>
        </div>
      </div>
    </div>
  );
}
