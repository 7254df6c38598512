// One row of the virtualised contact list: name, first email (or phone) and organisation. A row
// whose page has not arrived yet renders as a quiet placeholder of the same height.
import type { CSSProperties, ReactNode } from 'react';
import type { ContactSummary } from '../../../shared/model/contact.ts';
import { useT } from '../i18n/index.ts';
import { Avatar } from './Avatar.tsx';

export const ROW_HEIGHT = 60;

export function rowId(index: number): string {
  return `contact-row-${index}`;
}

export function ContactRow(props: {
  index: number;
  contact: ContactSummary | undefined;
  selected: boolean;
  style: CSSProperties;
  onSelect(index: number): void;
}): ReactNode {
  const t = useT();
  const { contact } = props;
  if (!contact) {
    return (
      <div className="contact-row contact-row-placeholder" style={props.style} aria-hidden="true">
        <span className="avatar avatar-small placeholder-block" />
        <span className="contact-row-text">
          <span className="placeholder-line" />
          <span className="placeholder-line short" />
        </span>
      </div>
    );
  }
  const name = contact.displayName || t('contacts.unnamed');
  const reach = contact.email ?? contact.phone;
  return (
    <div
      id={rowId(props.index)}
      role="option"
      aria-selected={props.selected}
      className={props.selected ? 'contact-row selected' : 'contact-row'}
      style={props.style}
      onClick={() => props.onSelect(props.index)}
    >
      <Avatar name={contact.displayName} seed={contact.id} />
      <span className="contact-row-text">
        <span className={contact.displayName ? 'contact-row-name' : 'contact-row-name unnamed'}>{name}</span>
        {(reach || contact.organization) && (
          <span className="contact-row-sub">
            {reach && <span className="contact-row-reach">{reach}</span>}
            {contact.organization && <span className="contact-row-org">{contact.organization}</span>}
          </span>
        )}
      </span>
    </div>
  );
}
