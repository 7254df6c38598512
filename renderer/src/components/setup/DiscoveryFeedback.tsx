// What CardDAV discovery found ("Found 2 address books: Contacts, Work"), or why it failed in plain
// words with the fix (account-problems.ts), under the add-account form's credentials.
import type { ReactNode } from 'react';
import type { DiscoveryView } from '../../../../shared/api/contract.ts';
import { ConcordError } from '../../../../shared/api/errors.ts';
import type { AccountKind } from '../../../../shared/model/account.ts';
import { useT } from '../../i18n/index.ts';
import { discoveryProblemKey } from './account-problems.ts';

export type Discovery = { state: 'checking' } | { state: 'found'; view: DiscoveryView } | { state: 'failed'; error: unknown };

export function DiscoveryFeedback(props: { kind: AccountKind; discovery: Discovery }): ReactNode {
  const t = useT();
  const { discovery } = props;
  if (discovery.state === 'checking') {
    return (
      <p className="discovery" role="status" aria-busy="true">
        {t('setup.discover.checking')}
      </p>
    );
  }
  if (discovery.state === 'found') {
    const books = discovery.view.addressBooks;
    const names = books.map((b, i) => b.displayName || t('setup.discover.unnamed', { n: i + 1 })).join(t.locale === 'zh-CN' ? '、' : ', ');
    return (
      <p className="discovery discovery-ok" role="status" data-testid="discovery">
        {books.length === 0 ? t('setup.discover.none') : t('setup.discover.found', { count: books.length, names })}
      </p>
    );
  }
  const code = discovery.error instanceof ConcordError ? discovery.error.code : 'INTERNAL';
  const detail = discovery.error instanceof ConcordError && code !== 'INTERNAL' ? discovery.error.message : null;
  return (
    <div className="discovery discovery-failed error-notice" role="alert" data-testid="discovery" data-code={code}>
      <p>{t(discoveryProblemKey(props.kind, code))}</p>
      {detail && <p className="error-detail">{t('error.details', { message: detail })}</p>}
    </div>
  );
}
