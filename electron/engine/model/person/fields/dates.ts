// birthdays (a contact singleton) and events (anniversary, other, custom), google-people-api.md §2.2.
// Invariant: the structured date wins over the deprecated birthday text, which is read only when
// there is no date and never written ("Clients should always set the date field"); an event
// without any known date part cannot be carried and is reported, not invented.
import type { LabeledDate, PartialDate } from '../../../../../shared/model/contact.ts';
import { dateFromGoogle, dateToGoogle, parseBirthdayText } from '../dates.ts';
import type { FieldSpec } from '../field-spec.ts';
import { labelFromGoogle, labelToGoogle } from '../labels.ts';
import type { Birthday, PersonEvent } from '../types.ts';

export const birthdays: FieldSpec<PartialDate, Birthday> = {
  path: 'birthdays',
  singleton: true,
  modelled: ['date'],
  // The deprecated text mirrors the date; "Clients should always set the date field" (§2.2).
  derived: ['text'],
  outputOnly: [],
  get: (f) => (f.birthday ? [{ ...f.birthday }] : []),
  set: (f, [item]) => {
    f.birthday = item ?? null;
  },
  read: (b, warn) => {
    const date = dateFromGoogle(b.date, (d) => warn(`birthdays: out-of-range date parts read as unknown in ${JSON.stringify(d)}`));
    if (date || !b.text) return date;
    const parsed = parseBirthdayText(b.text);
    if (!parsed) warn(`birthdays: the free-text birthday "${b.text}" is not a date Concord understands; ignored`);
    return parsed;
  },
  write: (d) => {
    const date = dateToGoogle(d);
    return date ? { date } : null;
  },
  key: () => '',
};

export const events: FieldSpec<LabeledDate, PersonEvent> = {
  path: 'events',
  singleton: false,
  modelled: ['date', 'type'],
  derived: [],
  outputOnly: ['formattedType'],
  get: (f) => f.dates.map((d) => ({ label: d.label, date: { ...d.date } })),
  set: (f, items) => {
    f.dates = items;
  },
  read: (e, warn) => {
    const date = dateFromGoogle(e.date, (d) => warn(`events: out-of-range date parts read as unknown in ${JSON.stringify(d)}`));
    if (!date) {
      warn(`events: an event${e.type ? ` of type "${e.type}"` : ''} without a date was ignored`);
      return null;
    }
    return { label: labelFromGoogle('event', e.type), date };
  },
  write: (d) => {
    const date = dateToGoogle(d.date);
    if (!date) return null;
    const type = labelToGoogle('event', d.label);
    return type ? { date, type } : { date };
  },
  key: (d) => d.label ?? '',
};
