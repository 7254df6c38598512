// Android's X-ANDROID-CUSTOM property: the contacts provider's rows that vCard has no property
// for, as `mimetype;data1;data2;data3;…` (AOSP VCardBuilder / VCardEntry). Android exports
// nicknames, relations and events (anniversaries) this way, and users lose them in tools that
// ignore it (peers.md §3.5). Type codes are ContactsContract.CommonDataKinds constants.
// Invariant: only the three row kinds below are read; anything else (and an event typed as a
// birthday, which Android also writes as BDAY) stays an unknown property.
import type { Label } from '../../../../shared/model/contact.ts';

const relationTypes: Readonly<Record<string, string>> = {
  '1': 'assistant',
  '2': 'brother',
  '3': 'child',
  '4': 'domestic partner',
  '5': 'father',
  '6': 'friend',
  '7': 'manager',
  '8': 'mother',
  '9': 'parent',
  '10': 'partner',
  '11': 'referred by',
  '12': 'relative',
  '13': 'sister',
  '14': 'spouse',
};

export type AndroidCustom = { kind: 'nickname'; value: string } | { kind: 'relation' | 'event'; value: string; label: Label };

/** Components of an X-ANDROID-CUSTOM value → what it holds, or null. */
export function androidCustom(parts: string[]): AndroidCustom | null {
  const [mime = '', data1 = '', type = '', label = ''] = parts;
  if (data1.trim() === '') return null;
  const custom = (code: string, table: Readonly<Record<string, string>>): Label => (code === '0' ? label || null : (table[code] ?? null));
  switch (mime.trim()) {
    case 'vnd.android.cursor.item/nickname':
      return { kind: 'nickname', value: data1 };
    case 'vnd.android.cursor.item/relation':
      return { kind: 'relation', value: data1, label: custom(type, relationTypes) };
    case 'vnd.android.cursor.item/contact_event':
      if (type === '3') return null;
      return { kind: 'event', value: data1, label: custom(type, { '1': 'anniversary', '2': 'other' }) };
    default:
      return null;
  }
}
