// The calm message shown where a list would be: what is (not) here and, when there is one, the
// next step.
import type { ReactNode } from 'react';

export function EmptyState(props: { title: string; hint?: string; action?: ReactNode }): ReactNode {
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">{props.title}</p>
      {props.hint && <p className="empty-hint">{props.hint}</p>}
      {props.action && <div className="empty-action">{props.action}</div>}
    </div>
  );
}
