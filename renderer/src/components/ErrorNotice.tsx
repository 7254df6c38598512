// Shows an error from the engine in the user's language, chosen by its code (never by message
// text). The engine's own message is added as a detail only where it carries information the code
// does not (which field is invalid, what the server said).
import type { ReactNode } from 'react';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ErrorCode } from '../../../shared/api/errors.ts';
import { useT } from '../i18n/index.ts';

const detailed: ReadonlySet<ErrorCode> = new Set(['INVALID_PARAMS', 'PROVIDER_ERROR']);

export function ErrorNotice(props: { error: unknown; onRetry?: () => void }): ReactNode {
  const t = useT();
  const code: ErrorCode = props.error instanceof ConcordError ? props.error.code : 'INTERNAL';
  const detail = props.error instanceof ConcordError && detailed.has(code) ? props.error.message : null;
  return (
    <div className="error-notice" role="alert" data-code={code}>
      <p>{t.error(code)}</p>
      {detail && <p className="error-detail">{t('error.details', { message: detail })}</p>}
      {props.onRetry && (
        <button type="button" className="button button-quiet" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
