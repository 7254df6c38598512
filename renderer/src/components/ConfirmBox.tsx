// The confirmation the review screens ask before a decision that writes to many contacts or takes
// a run back (bulk conflict decisions, "merge all high-confidence", Undo): the question, the
// action's own words on the primary button, and Cancel. Nothing happens until the user says yes.
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export function ConfirmBox(props: {
  /** The group's accessible name (the action being confirmed). */
  label: string;
  question: ReactNode;
  yes: string;
  /** Disables "yes" while another decision is being written. */
  busy?: boolean;
  /** Extra class names next to `confirm`. */
  className?: string;
  onYes(): void;
  onCancel(): void;
}): ReactNode {
  const t = useT();
  return (
    <div className={props.className ? `confirm ${props.className}` : 'confirm'} role="group" aria-label={props.label}>
      <p>{props.question}</p>
      <div className="confirm-buttons">
        <button type="button" className="button button-primary" disabled={props.busy} onClick={props.onYes}>
          {props.yes}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
