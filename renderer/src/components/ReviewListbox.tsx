// The list half of a review screen (Activity's runs, the merge suggestions): a virtualised listbox
// of fixed-height rows with one selected row, ↑/↓/Home/End to move the selection (the list keeps
// focus; aria-activedescendant names the row, WAI-ARIA APG "Listbox"). The screen draws each
// row's content; this keeps the keyboard, the scrolling and the ARIA the same on every screen.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

interface ReviewListboxProps<T extends { id: string | number }> {
  items: readonly T[];
  /** Row height in px (rows are not measured: every row of a list has this height). */
  rowHeight: number;
  /** Row element ids are `${idPrefix}-${index}` (aria-activedescendant points at them). */
  idPrefix: string;
  label: string;
  selectedId: T['id'] | null;
  onSelect(id: T['id']): void;
  children(item: T): ReactNode;
}

export function ReviewListbox<T extends { id: string | number }>(props: ReviewListboxProps<T>): ReactNode {
  const scroller = useRef<HTMLDivElement>(null);
  const { items, rowHeight } = props;
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const selectedIndex = items.findIndex((item) => item.id === props.selectedId);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, Home: 0, End: items.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, target));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    props.onSelect(items[next]!.id);
  }

  return (
    <div
      ref={scroller}
      className="review-list"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={selectedIndex >= 0 ? `${props.idPrefix}-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="review-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          const selected = row.index === selectedIndex;
          return (
            <div
              key={item.id}
              id={`${props.idPrefix}-${row.index}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'review-row-item selected' : 'review-row-item'}
              style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
              onClick={() => props.onSelect(item.id)}
            >
              {props.children(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
