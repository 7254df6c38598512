// The body every review screen shares under its header: the notice after a decision (a live
// status line), the error with Retry, then the list: a loading placeholder until the first answer,
// the empty state when there is nothing to review, or the screen's own content.
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';

export function ReviewBody<T>(props: {
  /** Null until the engine answered; the loading placeholder shows meanwhile (unless an error does). */
  items: T[] | null;
  notice: ReactNode;
  error: unknown;
  onRetry(): void;
  empty: { title: string; hint: string };
  children(items: T[]): ReactNode;
}): ReactNode {
  const { items, error } = props;
  return (
    <>
      {props.notice && (
        <p className="review-notice" role="status" data-testid="review-notice">
          {props.notice}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} onRetry={props.onRetry} />}
      {items === null ? (
        error === null && <div className="list-loading" aria-busy="true" />
      ) : items.length === 0 ? (
        <EmptyState title={props.empty.title} hint={props.empty.hint} />
      ) : (
        props.children(items)
      )}
    </>
  );
}
