// A safety stop (sync/guard.ts) explained, with Approve and Cancel. Shown at the top of the main
// area on every screen while a stop is pending, and always in Activity. Approve runs the sync
// with `approve: true` for the held accounts only; Cancel leaves them paused (nothing is written)
// and hides the banner until the next stop — Activity keeps showing it.
// Invariant: nothing is approved without the user pressing Approve on a stop they can read.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import type { Translator } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { pendingStops } from './activity-model.ts';
import type { SafetyStop, StopReason } from './activity-model.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { useReviewStatus } from './review-status.tsx';

export function stopText(t: Translator, account: string, r: StopReason): string {
  switch (r.kind) {
    case 'empty':
      return t('review.stop.empty', { account, known: r.known });
    case 'deletes':
    case 'overwrites': {
      // Intl plural rules, as t.plural, with the extra placeholders this sentence needs.
      const form = new Intl.PluralRules(t.locale).select(r.count) === 'one' ? 'one' : 'other';
      return t(`review.stop.${r.kind}.${form}`, { account, count: r.count, limit: r.limit });
    }
    default:
      return t('review.stop.other', { account, reason: r.text });
  }
}

const keyOf = (stops: readonly SafetyStop[]) => stops.map((s) => `${s.accountId}:${JSON.stringify(s.reason)}`).join('|');

export function SafetyStopBanner(props: { placement: 'top' | 'activity' }): ReactNode {
  const t = useT();
  const client = useClient();
  const { status, refresh } = useReviewStatus();
  const stops = pendingStops(status);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [approved, setApproved] = useState(false);

  if (stops.length === 0) {
    return approved && props.placement === 'activity' ? (
      <p className="stop-done" role="status">
        {t('review.stop.approved')}
      </p>
    ) : null;
  }
  if (cancelled === keyOf(stops)) {
    if (props.placement === 'top') return null;
    return (
      <p className="stop-kept" role="status">
        {t('review.stop.kept')}{' '}
        <button type="button" className="button button-quiet" onClick={() => setCancelled(null)}>
          {t('review.stop.reopen')}
        </button>
      </p>
    );
  }

  async function approve(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await client.call('sync.run', { approve: true, accountIds: stops.map((s) => s.accountId) });
      setApproved(true);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      refresh();
    }
  }

  return (
    <section className={`stop-banner stop-banner-${props.placement}`} role="alert" aria-labelledby={`stop-title-${props.placement}`} data-testid="safety-stop">
      <div className="stop-text">
        <h2 id={`stop-title-${props.placement}`}>{t('review.stop.title')}</h2>
        {stops.map((s) => (
          <p key={s.accountId}>{stopText(t, s.accountName, s.reason)}</p>
        ))}
        <p className="stop-hint">{t('review.stop.hint')}</p>
        {error !== null && <ErrorNotice error={error} />}
      </div>
      <div className="stop-buttons">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void approve()}>
          {busy ? t('sync.running') : t('review.stop.approve')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setCancelled(keyOf(stops))}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
