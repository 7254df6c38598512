// A titled block of the contact card ("Email", "Address" …), and the common list of labelled
// values inside one. Sections with nothing in them are not rendered at all.
import type { ReactNode } from 'react';

export function DetailSection(props: { title: string; children: ReactNode }): ReactNode {
  return (
    <section className="detail-section">
      <h3>{props.title}</h3>
      {props.children}
    </section>
  );
}

export interface DetailItem {
  key: string | number;
  value: ReactNode;
  /** Already translated; '' for none. */
  label: string;
}

export function DetailList(props: { title: string; items: DetailItem[] }): ReactNode {
  if (props.items.length === 0) return null;
  return (
    <DetailSection title={props.title}>
      <ul className="detail-values">
        {props.items.map((item) => (
          <li key={item.key}>
            <span className="detail-value selectable">{item.value}</span>
            {item.label && <span className="detail-label">{item.label}</span>}
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
