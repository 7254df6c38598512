// Contacts: search, the total, the virtualised list and the selected contact's details. The list
// is driven by the page cache (useContactPages); this screen only wires search and selection.
// Every keystroke queries at once: useContactPages keeps one re-query in flight and shows only the
// newest query's rows, so there is no fixed debounce delay to add to each keystroke.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ContactDetails } from '../components/ContactDetails.tsx';
import { ContactList } from '../components/ContactList.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { useContactPages } from '../hooks/useContactPages.ts';
import { useT } from '../i18n/index.ts';

export function ContactsScreen(props: { onAddAccount(): void }): ReactNode {
  const t = useT();
  const [typed, setTyped] = useState('');
  const query = typed.trim();
  const pages = useContactPages(query);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** A row chosen from the keyboard whose page is still loading. */
  const [pendingIndex, setPendingIndex] = useState<number | null>(null);

  const { itemAt } = pages;
  const pendingItem = pendingIndex === null ? undefined : itemAt(pendingIndex);
  useEffect(() => {
    if (!pendingItem) return;
    setSelectedId(pendingItem.id);
    setPendingIndex(null);
  }, [pendingItem]);

  function select(index: number): void {
    const item = itemAt(index);
    if (item) {
      setSelectedId(item.id);
      setPendingIndex(null);
    } else {
      setPendingIndex(index);
    }
  }

  const selectedIndex = pendingIndex ?? (selectedId === null ? null : pages.indexOf(selectedId));
  const { total, totalIsLowerBound } = pages;
  const searching = pages.query !== '';
  const count =
    total === null || (total === 0 && !searching)
      ? ''
      : !searching
        ? t.plural('contacts.count', total)
        : totalIsLowerBound
          ? t('contacts.matches.atLeast', { count: total })
          : t.plural('contacts.matches', total);

  // Which query's rows are on screen (tests and the UI benchmark wait for it; the typed text leads it).
  const shownQuery = { 'data-query': pages.query, 'data-total': total ?? '' };

  const header = (
    <header className="screen-header">
      <h1>{t('contacts.title')}</h1>
      <SearchBox value={typed} onChange={setTyped} />
      <p className="contact-count" aria-live="polite" data-testid="contact-count">
        {count}
      </p>
    </header>
  );

  // An empty address book gets the whole pane: a list column and an empty detail pane beside the
  // message would only look broken.
  if (total === 0 && !searching) {
    return (
      <div className="screen contacts-screen" {...shownQuery}>
        {header}
        <div className="contacts-body-empty">
          <EmptyState
            title={t('contacts.empty')}
            action={
              <button type="button" className="button button-primary" onClick={props.onAddAccount}>
                {t('contacts.empty.action')}
              </button>
            }
          />
        </div>
      </div>
    );
  }

  let list: ReactNode;
  if (total === null) {
    list = pages.error ? <ErrorNotice error={pages.error} onRetry={pages.retry} /> : <div className="list-loading" aria-busy="true" />;
  } else if (total === 0) {
    list = <EmptyState title={t('contacts.noResults', { query: pages.query })} hint={t('contacts.noResults.hint')} />;
  } else {
    list = <ContactList pages={pages} selectedIndex={selectedIndex} onSelect={select} />;
  }

  return (
    <div className="screen contacts-screen" {...shownQuery}>
      {header}
      <div className="contacts-body">
        <div className="contacts-list-pane">
          {total !== null && pages.error !== null && <ErrorNotice error={pages.error} onRetry={pages.retry} />}
          {list}
        </div>
        <div className="contacts-details-pane">
          {selectedId ? <ContactDetails id={selectedId} /> : total !== null && total > 0 && <EmptyState title={t('contacts.select')} />}
        </div>
      </div>
    </div>
  );
}
