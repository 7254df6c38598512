// Under the Google form: the waiting state while the user signs in in the browser (with the consent
// link, always, and Cancel), or why the sign-in ended without an account, in plain words chosen by
// reason and code (never by message text; the engine's message is only added as a detail).
import type { ReactNode } from 'react';
import { ConcordError, isErrorCode } from '../../../../shared/api/errors.ts';
import { useT } from '../../i18n/index.ts';
import { ErrorNotice } from '../ErrorNotice.tsx';
import type { GoogleSignIn } from './use-google-sign-in.ts';

/** The failure as a ConcordError (the event carries a code and a message, not an error). */
function asError(error: unknown): unknown {
  if (error instanceof ConcordError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return isErrorCode(code) ? new ConcordError(code, typeof message === 'string' ? message : '') : error;
}

export function GoogleSignInStatus(props: { status: GoogleSignIn; clientTyped: boolean; onCancel(): void }): ReactNode {
  const t = useT();
  const { status } = props;
  if (status.state === 'idle') return null;
  if (status.state === 'starting') {
    return (
      <p className="discovery" role="status" aria-busy="true">
        {t('setup.google.starting')}
      </p>
    );
  }
  if (status.state === 'waiting') {
    return (
      <div className="discovery discovery-ok" role="status" aria-busy="true" data-testid="google-waiting">
        <p>
          <strong>{t('setup.google.waiting')}</strong>
        </p>
        <p>{t('setup.google.waiting.hint')}</p>
        <p>
          <a href={status.url} target="_blank" rel="noopener noreferrer" data-testid="google-link">
            {t('setup.google.link')}
          </a>
        </p>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('setup.google.cancel')}
        </button>
      </div>
    );
  }
  const error = asError(status.error);
  const code = error instanceof ConcordError ? error.code : 'INTERNAL';
  // The start refused: without a typed client, INVALID_PARAMS means none is configured anywhere.
  const key =
    status.reason === 'refused'
      ? code === 'INVALID_PARAMS' && !props.clientTyped
        ? 'setup.google.noClient'
        : null
      : status.reason === 'failed'
        ? null
        : (`setup.google.${status.reason}` as const);
  if (key === null) {
    return (
      <div data-testid="google-failed" data-reason={status.reason}>
        <p className="discovery">{t('setup.google.failed')}</p>
        <ErrorNotice error={error} />
      </div>
    );
  }
  return (
    <div className="discovery error-notice" role="alert" data-testid="google-failed" data-reason={status.reason} data-code={code}>
      <p>{t(key)}</p>
    </div>
  );
}
