// JSON-safe canonical contact as the UI and the wire see it (DESIGN.md §3). The canonical model
// issue widens these fields; everything here stays plain data: no classes, no Dates, no undefined
// values where JSON would drop them.

export interface LabeledValue {
  value: string;
  /** vCard TYPE / X-ABLabel / Google type, as the user sees it; null when unlabeled. */
  label: string | null;
}

export interface StructuredName {
  prefix: string;
  given: string;
  middle: string;
  family: string;
  suffix: string;
}

export interface ContactFields {
  name: StructuredName;
  /** FN as entered; derived from the name when empty. */
  formattedName: string;
  emails: LabeledValue[];
  phones: LabeledValue[];
  organization: string;
  title: string;
  note: string;
}

export interface ContactSummary {
  id: string;
  displayName: string;
  /** First email and phone for the list row; null when absent. */
  email: string | null;
  phone: string | null;
  organization: string | null;
}

export interface Contact {
  id: string;
  fields: ContactFields;
  displayName: string;
  createdAt: string;
  updatedAt: string;
}

export function emptyName(): StructuredName {
  return { prefix: '', given: '', middle: '', family: '', suffix: '' };
}

export function emptyContactFields(): ContactFields {
  return { name: emptyName(), formattedName: '', emails: [], phones: [], organization: '', title: '', note: '' };
}
