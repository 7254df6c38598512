// organizations (google-people-api.md §2.2): name, department, title and phoneticName are modelled.
// Invariant: everything else an organisation carries (type, dates, location, …) stays on the item
// it belongs to when Concord rewrites the field.
import type { Organization } from '../../../../../shared/model/contact.ts';
import { compact, text } from '../field-spec.ts';
import type { FieldSpec } from '../field-spec.ts';
import type { PersonOrganization } from '../types.ts';

export const organizations: FieldSpec<Organization, PersonOrganization> = {
  path: 'organizations',
  singleton: false,
  modelled: ['name', 'department', 'title', 'phoneticName'],
  derived: [],
  // type, startDate, endDate, current, symbol, domain, location, jobDescription, costCenter,
  // fullTimeEquivalentMillipercent are not modelled: kept on the organisation they belong to.
  outputOnly: ['formattedType'],
  get: (f) => f.organizations.map((o) => ({ ...o })),
  set: (f, items) => {
    f.organizations = items;
  },
  read: (o) => {
    const org = { name: text(o.name), department: text(o.department), title: text(o.title), phoneticName: text(o.phoneticName) };
    return Object.values(org).some((v) => v !== '') ? org : null;
  },
  write: (o) => compact({ name: o.name, department: o.department, title: o.title, phoneticName: o.phoneticName }),
  key: (o) => o.name.trim().toLowerCase(),
};
