// Contacts → CSV rows in the two layouts other tools import by header name:
// - Google Contacts' current layout: fixed name/organisation columns, then numbered groups
//   "E-mail N - Label / Value", "Phone N …", "Address N - Label / Formatted / Street / City /
//   PO Box / Region / Postal Code / Country / Extended Address", "Website N", "Relation N",
//   "Event N", "IM N - Label / Service / Value", "Custom Field N - Label / Value", as many N as the
//   contact with the most values needs. "* " before a label marks the primary value; "Labels"
//   lists groups after "* myContacts", as Google writes them.
// - Outlook's (desktop "Export to a file" and Outlook.com, English headers): one column per
//   slot ("Mobile Phone", "Business Phone 2", "E-mail 3 Address", "Home Street"); dates in the
//   English short format M/D/YYYY. What has no slot is reported, not silently dropped.
// Invariant: every value a layout cannot carry is named in the warnings, per contact.
import type { Address, ContactFields, Label, LabeledValue } from '../../../shared/model/contact.ts';
import { displayName } from '../model/display.ts';
import type { CsvColumn } from './csv-write.ts';
import { isoDate, outlookDate } from './dates.ts';
import { displayLabel } from './labels.ts';

export interface LayoutContact {
  id: string;
  fields: ContactFields;
}

export interface LayoutOutput {
  columns: CsvColumn[];
  rows: string[][];
  warnings: string[];
}

const who = (c: LayoutContact): string => displayName(c.fields) || c.id;

function joinedName(f: ContactFields): string {
  const n = f.name;
  return [n.prefix, n.given, n.middle, n.family, n.suffix].filter((x) => x.trim()).join(' ');
}

function googleLabel(label: Label, primary: boolean): string {
  const l = displayLabel(label);
  return primary ? `* ${l}`.trimEnd() + (l ? '' : ' ') : l;
}

function formatted(a: Address): string {
  const cityLine = [a.locality, a.region, a.postalCode].filter((x) => x.trim()).join(' ');
  return [a.street, a.extended, a.poBox && `PO Box ${a.poBox}`, cityLine, a.country].filter((x) => x && x.trim()).join('\n');
}

const googleFixed = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Phonetic First Name',
  'Phonetic Middle Name',
  'Phonetic Last Name',
  'Name Prefix',
  'Name Suffix',
  'Nickname',
  'File As',
  'Organization Name',
  'Organization Title',
  'Organization Department',
  'Birthday',
  'Notes',
  'Photo',
  'Labels',
];

const addressParts = ['Label', 'Formatted', 'Street', 'City', 'PO Box', 'Region', 'Postal Code', 'Country', 'Extended Address'];

export function googleLayout(contacts: readonly LayoutContact[]): LayoutOutput {
  const max = (pick: (f: ContactFields) => number) => contacts.reduce((m, c) => Math.max(m, pick(c.fields)), 0);
  const n = {
    emails: max((f) => f.emails.length),
    phones: max((f) => f.phones.length),
    addresses: max((f) => f.addresses.length),
    urls: max((f) => f.urls.length),
    relations: max((f) => f.relations.length),
    events: max((f) => f.dates.length),
    ims: max((f) => f.ims.length),
    custom: max((f) => f.customFields.length),
  };
  const columns: CsvColumn[] = googleFixed.map((header) => ({ header }));
  const numbered = (thing: string, count: number, parts: string[], phone = false) => {
    for (let i = 1; i <= count; i++) for (const p of parts) columns.push({ header: `${thing} ${i} - ${p}`, phone: phone && p === 'Value' });
  };
  numbered('E-mail', n.emails, ['Label', 'Value']);
  numbered('Phone', n.phones, ['Label', 'Value'], true);
  numbered('Address', n.addresses, addressParts);
  numbered('Website', n.urls, ['Label', 'Value']);
  numbered('Relation', n.relations, ['Label', 'Value']);
  numbered('Event', n.events, ['Label', 'Value']);
  numbered('IM', n.ims, ['Label', 'Service', 'Value']);
  numbered('Custom Field', n.custom, ['Label', 'Value']);

  const warnings: string[] = [];
  const rows = contacts.map((c) => {
    const f = c.fields;
    const org = f.organizations[0];
    if (f.organizations.length > 1) warnings.push(`${who(c)}: Google's CSV has one organisation; ${f.organizations.length - 1} more left out`);
    // The name as entered goes to "File As" only when it says more than the name parts do.
    const fileAs = f.formattedName.trim() && f.formattedName.trim() !== joinedName(f) ? f.formattedName : '';
    const groups = ['* myContacts', ...f.groups.map((g) => (g === 'Starred' ? '* starred' : g))].join(' ::: ');
    const row: string[] = [
      f.name.given,
      f.name.middle,
      f.name.family,
      f.name.phoneticGiven,
      f.name.phoneticMiddle,
      f.name.phoneticFamily,
      f.name.prefix,
      f.name.suffix,
      f.nicknames.join(' ::: '),
      fileAs,
      org?.name ?? '',
      org?.title ?? '',
      org?.department ?? '',
      f.birthday ? isoDate(f.birthday) : '',
      f.note,
      f.photo?.uri ?? '',
      groups,
    ];
    const pad = (cells: string[], width: number) => {
      row.push(...cells);
      for (let i = cells.length; i < width; i++) row.push('');
    };
    const labelled = (items: LabeledValue[], count: number) =>
      pad(
        items.flatMap((x) => [googleLabel(x.label, x.primary), x.value]),
        count * 2,
      );
    labelled(f.emails, n.emails);
    labelled(f.phones, n.phones);
    pad(
      f.addresses.flatMap((a) => [googleLabel(a.label, a.primary), formatted(a), a.street, a.locality, a.poBox, a.region, a.postalCode, a.country, a.extended]),
      n.addresses * addressParts.length,
    );
    labelled(f.urls, n.urls);
    labelled(f.relations, n.relations);
    pad(
      f.dates.flatMap((d) => [displayLabel(d.label), isoDate(d.date)]),
      n.events * 2,
    );
    pad(
      f.ims.flatMap((im) => [displayLabel(im.label), im.service, im.value]),
      n.ims * 3,
    );
    pad(
      f.customFields.flatMap((x) => [x.key, x.value]),
      n.custom * 2,
    );
    if (f.photo?.hash && !f.photo.uri) warnings.push(`${who(c)}: the photo is not exported to CSV`);
    return row;
  });
  return { columns, rows, warnings };
}

// Outlook: the slots, in the order Outlook.com and the desktop export write them.
const outlookColumns: CsvColumn[] = [
  'Title',
  'First Name',
  'Middle Name',
  'Last Name',
  'Suffix',
  'Nickname',
  'Given Yomi',
  'Surname Yomi',
  'Company',
  'Department',
  'Job Title',
  'Company Yomi',
  'Business Street',
  'Business Street 2',
  'Business City',
  'Business State',
  'Business Postal Code',
  'Business Country/Region',
  'Business Address PO Box',
  'Home Street',
  'Home Street 2',
  'Home City',
  'Home State',
  'Home Postal Code',
  'Home Country/Region',
  'Home Address PO Box',
  'Other Street',
  'Other Street 2',
  'Other City',
  'Other State',
  'Other Postal Code',
  'Other Country/Region',
  'Other Address PO Box',
  "Assistant's Phone",
  'Business Fax',
  'Business Phone',
  'Business Phone 2',
  'Car Phone',
  'Company Main Phone',
  'Home Fax',
  'Home Phone',
  'Home Phone 2',
  'Mobile Phone',
  'Other Fax',
  'Other Phone',
  'Pager',
  'Anniversary',
  'Birthday',
  'Categories',
  'E-mail Address',
  'E-mail Type',
  'E-mail 2 Address',
  'E-mail 2 Type',
  'E-mail 3 Address',
  'E-mail 3 Type',
  'Notes',
  'Spouse',
  'Children',
  "Manager's Name",
  "Assistant's Name",
  'Web Page',
  'Personal Web Page',
].map((header) => ({ header, phone: /Phone|Fax|Pager/.test(header) && !header.includes('Name') }));

/** Canonical phone label → Outlook slots, first free wins. */
const phoneSlots: Record<string, string[]> = {
  mobile: ['Mobile Phone'],
  iphone: ['Mobile Phone'],
  home: ['Home Phone', 'Home Phone 2'],
  work: ['Business Phone', 'Business Phone 2'],
  'work fax': ['Business Fax'],
  'home fax': ['Home Fax'],
  'other fax': ['Other Fax'],
  pager: ['Pager'],
  main: ['Company Main Phone'],
  car: ['Car Phone'],
  assistant: ["Assistant's Phone"],
  other: ['Other Phone'],
};

const addressPrefix = (label: Label): string => (label === 'work' ? 'Business' : label === 'home' ? 'Home' : 'Other');

export function outlookLayout(contacts: readonly LayoutContact[]): LayoutOutput {
  const index = new Map(outlookColumns.map((c, i) => [c.header, i]));
  const warnings: string[] = [];
  const rows = contacts.map((c) => {
    const f = c.fields;
    const row = new Array<string>(outlookColumns.length).fill('');
    const set = (header: string, value: string) => {
      row[index.get(header)!] = value;
    };
    const free = (header: string) => row[index.get(header)!] === '';
    const lost: string[] = [];
    set('Title', f.name.prefix);
    set('First Name', f.name.given);
    set('Middle Name', f.name.middle);
    set('Last Name', f.name.family);
    set('Suffix', f.name.suffix);
    set('Nickname', f.nicknames.join(' '));
    set('Given Yomi', f.name.phoneticGiven);
    set('Surname Yomi', f.name.phoneticFamily);
    const org = f.organizations[0];
    if (org) {
      set('Company', org.name);
      set('Department', org.department);
      set('Job Title', org.title);
      set('Company Yomi', org.phoneticName);
    }
    if (f.organizations.length > 1) lost.push(`${f.organizations.length - 1} more organisation(s)`);
    for (const a of f.addresses) {
      const p = addressPrefix(a.label);
      if (!free(`${p} Street`) || !free(`${p} City`)) {
        lost.push(`address “${formatted(a).replace(/\n/g, ', ')}”`);
        continue;
      }
      set(`${p} Street`, a.street);
      set(`${p} Street 2`, a.extended);
      set(`${p} City`, a.locality);
      set(`${p} State`, a.region);
      set(`${p} Postal Code`, a.postalCode);
      set(`${p} Country/Region`, a.country);
      set(`${p} Address PO Box`, a.poBox);
    }
    for (const ph of f.phones) {
      const own = phoneSlots[ph.label ?? 'other'] ?? [];
      const slot = [...own, 'Other Phone'].find(free);
      if (!slot) lost.push(`phone ${ph.value}`);
      else {
        set(slot, ph.value);
        if (ph.label !== null && !own.includes(slot)) lost.push(`the label “${ph.label}” of ${ph.value}`);
      }
    }
    f.emails.forEach((e, i) => {
      if (i >= 3) return void lost.push(`email ${e.value}`);
      const n = i === 0 ? '' : ` ${i + 1}`;
      set(`E-mail${n} Address`, e.value);
      set(`E-mail${n} Type`, 'SMTP');
    });
    if (f.birthday) {
      const d = outlookDate(f.birthday);
      if (d) set('Birthday', d);
      else lost.push(`birthday without a year (${isoDate(f.birthday)})`);
    }
    for (const d of f.dates) {
      const text = outlookDate(d.date);
      if (d.label === 'anniversary' && text && free('Anniversary')) set('Anniversary', text);
      else lost.push(`date ${displayLabel(d.label) || ''} ${isoDate(d.date)}`.replace(/\s+/g, ' '));
    }
    set('Categories', f.groups.join(';'));
    set('Notes', f.note);
    for (const r of f.relations) {
      const slot = r.label === 'spouse' ? 'Spouse' : r.label === 'child' ? 'Children' : r.label === 'manager' ? "Manager's Name" : r.label === 'assistant' ? "Assistant's Name" : null;
      if (slot && free(slot)) set(slot, r.value);
      else lost.push(`relation ${r.value}`);
    }
    for (const u of f.urls) {
      const slot = u.label === 'home' ? 'Personal Web Page' : 'Web Page';
      if (free(slot)) set(slot, u.value);
      else lost.push(`website ${u.value}`);
    }
    if (f.ims.length) lost.push(`${f.ims.length} IM handle(s)`);
    if (f.customFields.length) lost.push(`${f.customFields.length} custom field(s)`);
    if (f.formattedName.trim() && f.formattedName.trim() !== joinedName(f)) lost.push(`the name as entered (“${f.formattedName}”)`);
    if (lost.length) warnings.push(`${who(c)}: Outlook's CSV has no place for ${lost.join(', ')}`);
    return row;
  });
  return { columns: outlookColumns, rows, warnings };
}
