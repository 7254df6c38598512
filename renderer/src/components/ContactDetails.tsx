// The right-hand pane: loads one contact with `contacts.show` (its fields, the accounts holding a
// copy) and shows it as a ContactCard. Reloads when a sync changes this contact, and says so plainly
// when it has been deleted meanwhile.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactDetail } from '../../../shared/api/contract.ts';
import { useT } from '../i18n/index.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';
import { ContactCard } from './ContactCard.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';

type Loaded = { id: string; contact: ContactDetail } | { id: string; error: unknown };

export function ContactDetails(props: { id: string }): ReactNode {
  const t = useT();
  const client = useClient();
  const reconnects = useReconnects();
  const { id } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    client.call('contacts.show', { id }).then(
      (contact) => live && setLoaded({ id, contact }),
      (error: unknown) => live && setLoaded({ id, error }),
    );
    return () => {
      live = false;
    };
  }, [client, id, version, reconnects]);

  useEvent('contacts.changed', ({ ids }) => {
    if (ids === null || ids.includes(id)) setVersion((v) => v + 1);
  });

  // The previous contact stays (dimmed) until the next one arrives: no flash of an empty pane.
  if (!loaded) return <div className="details-pane" aria-busy="true" />;
  if ('error' in loaded) {
    if (loaded.id !== id) return <div className="details-pane" aria-busy="true" />;
    const gone = loaded.error instanceof ConcordError && loaded.error.code === 'NOT_FOUND';
    return (
      <div className="details-pane">
        {gone ? <EmptyState title={t('details.notFound')} /> : <ErrorNotice error={loaded.error} onRetry={() => setVersion((v) => v + 1)} />}
      </div>
    );
  }
  if (loaded.contact.trashed && loaded.id === id) {
    return (
      <div className="details-pane">
        <EmptyState title={t('details.notFound')} />
      </div>
    );
  }
  return <ContactCard contact={loaded.contact} records={loaded.contact.records} busy={loaded.id !== id} />;
}
