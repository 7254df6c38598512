// One mapping per Person field Concord models (google-people-api.md §2.2 field table), in the order
// updateMask lists them. Memberships need the contact groups and live in ../groups.ts; photos are
// output only (§5.5) and read in ../read.ts; clientData is the engine's marker (../client-marker.ts).
// Invariant: for every spec, read(write(c)) is the Google-normal form of c (../normalize.ts builds
// on it) and read(write(read(g))) = read(g), so reading what Concord wrote gives the same meaning.
import type { AnyFieldSpec } from '../field-spec.ts';
import { addresses } from './addresses.ts';
import { emailAddresses, imClients, phoneNumbers, relations, urls } from './contact-points.ts';
import { birthdays, events } from './dates.ts';
import { names, nicknames } from './names.ts';
import { biographies, userDefined } from './notes.ts';
import { organizations } from './organizations.ts';

/** Every mapped field, in `updatePersonFields` order. */
export const fieldSpecs: readonly AnyFieldSpec[] = [
  names,
  nicknames,
  emailAddresses,
  phoneNumbers,
  addresses,
  organizations,
  birthdays,
  events,
  urls,
  biographies,
  relations,
  imClients,
  userDefined,
];
