// emailAddresses, phoneNumbers, urls, relations (value + type + primary) and imClients
// (username + protocol + type), google-people-api.md §2.2.
// Invariant: values are kept exactly as entered (a phone's canonicalForm is output only and never
// replaces the value); types map through labels.ts per field; identity keys for pairing edits are
// forgiving (case, digits only) so an edited item keeps what Concord does not model.
import type { ImHandle, LabeledValue } from '../../../../../shared/model/contact.ts';
import { compact, primaryFlag, text } from '../field-spec.ts';
import type { FieldSpec } from '../field-spec.ts';
import { labelFromGoogle, labelToGoogle, serviceFromGoogle, serviceToGoogle } from '../labels.ts';
import type { LabelVocabulary } from '../labels.ts';
import { isPrimaryItem } from '../source.ts';
import type { FieldMetadata, ImClient, MappedField } from '../types.ts';

interface LabeledItem {
  metadata?: FieldMetadata;
  value?: string | null;
  person?: string | null;
  type?: string | null;
}

/** emails, phones, urls, relations: a value, a type and the primary flag. */
function labeledValues(options: {
  path: MappedField;
  canonical: 'emails' | 'phones' | 'urls' | 'relations';
  vocabulary: LabelVocabulary;
  valueKey: 'value' | 'person';
  outputOnly: string[];
  key: (value: string) => string;
}): FieldSpec<LabeledValue, LabeledItem> {
  const { canonical, vocabulary, valueKey } = options;
  return {
    path: options.path,
    singleton: false,
    modelled: [valueKey, 'type'],
    derived: [],
    outputOnly: options.outputOnly,
    get: (f) => f[canonical].map((v) => ({ ...v })),
    set: (f, items) => {
      f[canonical] = items;
    },
    read: (item) => {
      const value = text(item[valueKey]);
      return value ? { value, label: labelFromGoogle(vocabulary, item.type), primary: isPrimaryItem(item) } : null;
    },
    write: (v) => (v.value ? compact({ [valueKey]: v.value, type: labelToGoogle(vocabulary, v.label) }) : null),
    key: (v) => options.key(v.value),
    primary: primaryFlag,
  };
}

export const emailAddresses = labeledValues({
  path: 'emailAddresses',
  canonical: 'emails',
  vocabulary: 'email',
  valueKey: 'value',
  // The email's own displayName is writable and not modelled: kept.
  outputOnly: ['formattedType'],
  key: (value) => value.trim().toLowerCase(),
});

export const phoneNumbers = labeledValues({
  path: 'phoneNumbers',
  canonical: 'phones',
  vocabulary: 'phone',
  valueKey: 'value',
  // canonicalForm (E.164) is output only: the value as entered is what Concord shows and writes.
  outputOnly: ['formattedType', 'canonicalForm'],
  key: (value) => value.replace(/\D/g, '') || value,
});

export const urls = labeledValues({
  path: 'urls',
  canonical: 'urls',
  vocabulary: 'url',
  valueKey: 'value',
  outputOnly: ['formattedType'],
  key: (value) => value.trim(),
});

export const relations = labeledValues({
  path: 'relations',
  canonical: 'relations',
  vocabulary: 'relation',
  valueKey: 'person',
  outputOnly: ['formattedType'],
  key: (value) => value.trim().toLowerCase(),
});

export const imClients: FieldSpec<ImHandle, ImClient> = {
  path: 'imClients',
  singleton: false,
  modelled: ['username', 'protocol', 'type'],
  derived: [],
  outputOnly: ['formattedType', 'formattedProtocol'],
  get: (f) => f.ims.map((i) => ({ ...i })),
  set: (f, items) => {
    f.ims = items;
  },
  read: (i) => (i.username ? { value: i.username, service: serviceFromGoogle(i.protocol), label: labelFromGoogle('im', i.type) } : null),
  write: (i) => (i.value ? compact({ username: i.value, protocol: serviceToGoogle(i.service), type: labelToGoogle('im', i.label) }) : null),
  key: (i) => `${i.service}\u0000${i.value.trim().toLowerCase()}`,
};
