// biographies (a contact singleton: Google Contacts' "Notes") ⇄ note, and userDefined ⇄ custom
// fields (google-people-api.md §2.2).
// Invariant: the note is kept verbatim (an HTML biography is reported, not converted); custom
// fields keep their order and duplicates.
import type { CustomField } from '../../../../../shared/model/contact.ts';
import { compact, text } from '../field-spec.ts';
import type { FieldSpec } from '../field-spec.ts';
import type { Biography, UserDefined } from '../types.ts';

export const biographies: FieldSpec<string, Biography> = {
  path: 'biographies',
  singleton: true,
  modelled: ['value'],
  // contentType describes the value: an edited note is plain text again (TEXT_PLAIN is the default).
  derived: ['contentType'],
  outputOnly: [],
  get: (f) => (f.note ? [f.note] : []),
  set: (f, [item]) => {
    f.note = item ?? '';
  },
  read: (b, warn) => {
    if (!b.value) return null;
    if (b.contentType === 'TEXT_HTML') warn('biographies: the note is HTML; kept as markup');
    return b.value;
  },
  write: (value) => compact({ value }),
  key: () => '',
};

export const userDefined: FieldSpec<CustomField, UserDefined> = {
  path: 'userDefined',
  singleton: false,
  modelled: ['key', 'value'],
  derived: [],
  outputOnly: [],
  get: (f) => f.customFields.map((c) => ({ ...c })),
  set: (f, items) => {
    f.customFields = items;
  },
  read: (u) => (u.key || u.value ? { key: text(u.key), value: text(u.value) } : null),
  write: (c) => compact({ key: c.key, value: c.value }),
  key: (c) => c.key,
};
