// The virtualised contact list (@tanstack/react-virtual): only the rows on screen exist in the DOM,
// and it tells the page cache which rows those are so the right pages are fetched. A listbox with
// aria-activedescendant: arrow keys, Page Up/Down, Home and End move the selection.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { ContactPages } from '../hooks/useContactPages.ts';
import { useT } from '../i18n/index.ts';
import { ContactRow, ROW_HEIGHT, rowId } from './ContactRow.tsx';

export function ContactList(props: {
  pages: ContactPages;
  selectedIndex: number | null;
  onSelect(index: number): void;
}): ReactNode {
  const t = useT();
  const { pages, selectedIndex, onSelect } = props;
  const total = pages.total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;

  const { showRange } = pages;
  useEffect(() => {
    if (total > 0) showRange(first, last);
  }, [first, last, total, showRange]);

  // A new search shows its results from the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [pages.query]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (total === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const current = selectedIndex ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: total - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = Math.min(total - 1, Math.max(0, target));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    onSelect(next);
  }

  const selectedVisible = selectedIndex !== null && selectedIndex < total;
  return (
    <div
      ref={scroller}
      className="contact-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('contacts.list.label')}
      aria-activedescendant={selectedVisible && pages.itemAt(selectedIndex) ? rowId(selectedIndex) : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="contact-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <ContactRow
            key={row.key}
            index={row.index}
            contact={pages.itemAt(row.index)}
            selected={row.index === selectedIndex}
            style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  );
}
