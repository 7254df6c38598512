// people.batchCreateContacts / batchUpdateContacts / batchDeleteContacts (doc §5.4, §11 items 34, 42, 45).
// Invariants: limits 200 / 200 / 500 (above → 400); every item is validated before anything is written, so
// a failed batch changes nothing (the doc's "treat as all-or-nothing"); an empty readMask skips the
// post-mutate read and answers `{}`; batchUpdate's `contacts` is a map (a list → "Cannot bind a list to
// map"), every person needs a current etag; createdPeople come back shuffled unless the knob says
// otherwise, because their order is undocumented (correlate via clientData, §12 item 18).

import { randomInt } from 'node:crypto';
import { invalidArgument, unknownField } from './errors.ts';
import { DOC_URLS, maskRequired, parseMask } from './params.ts';
import type { VersionContent } from './people-store.ts';
import { checkContactCap, checkEtag, contactForWrite, optionalReadMask } from './people-common.ts';
import { checkPerson, presentFields, takeFields, violation } from './contact-input.ts';
import type { PersonJson } from './contact-input.ts';
import { WRITE_FIELDS } from './person-schema.ts';
import type { WriteField } from './person-schema.ts';
import { renderPerson } from './person-render.ts';
import { costOf } from './quotas.ts';
import type { RequestContext, Route } from './router.ts';

const SOURCES = ['READ_SOURCE_TYPE_UNSPECIFIED', 'READ_SOURCE_TYPE_PROFILE', 'READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_DOMAIN_CONTACT', 'READ_SOURCE_TYPE_OTHER_CONTACT'];

function checkBodyKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw unknownField(key, '');
  const sources = body.sources;
  if (sources !== undefined && (!Array.isArray(sources) || sources.some((s) => !SOURCES.includes(s as string)))) {
    throw invalidArgument(`Invalid value at 'sources' (type.googleapis.com/google.people.v1.ReadSourceType), ${JSON.stringify(sources)}`);
  }
}

function readMaskOf(body: Record<string, unknown>, docUrl: string): Set<string> | undefined {
  const raw = body.readMask;
  if (raw !== undefined && typeof raw !== 'string') throw invalidArgument(`Invalid value at 'read_mask' (type.googleapis.com/google.protobuf.FieldMask), ${JSON.stringify(raw)}`);
  return optionalReadMask(raw, 'readMask', docUrl);
}

export const batchCreateContacts: Route = {
  name: 'people.batchCreateContacts',
  rpc: 'google.people.v1.PeopleService.BatchCreateContacts',
  httpMethod: 'POST',
  pattern: /^people:batchCreateContacts$/,
  params: [],
  write: true,
  mutation: true,
  costs: (ctx) => costOf('people.batchCreateContacts', { units: Array.isArray(ctx.body.contacts) ? ctx.body.contacts.length : 0 }),
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    checkBodyKeys(body, ['contacts', 'readMask', 'sources']);
    const contacts = body.contacts;
    if (!Array.isArray(contacts) || contacts.length === 0) throw violation('contacts', 'contacts is required.');
    if (contacts.length > 200) throw violation('contacts', `At most 200 contacts can be created in a batch; got ${contacts.length}.`);
    const mask = readMaskOf(body, DOC_URLS.batchCreate);
    const prepared: VersionContent[] = contacts.map((entry: unknown, i: number) => {
      const at = `contacts[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw invalidArgument(`Invalid value at '${at}', ${JSON.stringify(entry)}`);
      for (const key of Object.keys(entry)) if (key !== 'contactPerson') throw unknownField(key, at);
      const person = checkPerson((entry as { contactPerson?: unknown }).contactPerson ?? {}, `${at}.contact_person`);
      const content = takeFields(person, presentFields(person), { data: {}, groups: [], photoId: null }, state.groups, `${at}.contact_person`);
      if (content.groups.length === 0) content.groups = ['contactGroups/myContacts'];
      return content;
    });
    checkContactCap(state, prepared.length);
    const records = prepared.map((content) => state.people.create(content));
    if (!mask) return {};
    const created = records.map((r) => ({ httpStatusCode: 200, person: renderPerson(r, r.latest, state.renderOptions(mask)), status: {} }));
    if (state.faults.batchCreateOrder === 'shuffled') {
      for (let i = created.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [created[i], created[j]] = [created[j] as (typeof created)[number], created[i] as (typeof created)[number]];
      }
    }
    return { createdPeople: created };
  },
};

export const batchUpdateContacts: Route = {
  name: 'people.batchUpdateContacts',
  rpc: 'google.people.v1.PeopleService.BatchUpdateContacts',
  httpMethod: 'POST',
  pattern: /^people:batchUpdateContacts$/,
  params: [],
  write: true,
  mutation: true,
  costs: (ctx) => costOf('people.batchUpdateContacts', {
    units: typeof ctx.body.contacts === 'object' && ctx.body.contacts !== null ? Object.keys(ctx.body.contacts).length : 0,
  }),
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    checkBodyKeys(body, ['contacts', 'readMask', 'sources', 'updateMask']);
    const contacts = body.contacts;
    if (Array.isArray(contacts)) throw invalidArgument("Invalid JSON payload received. Cannot bind a list to map for field 'contacts'.");
    if (typeof contacts !== 'object' || contacts === null || Object.keys(contacts).length === 0) throw violation('contacts', 'contacts is required.');
    const entries = Object.entries(contacts as Record<string, unknown>);
    if (entries.length > 200) throw violation('contacts', `At most 200 contacts can be updated in a batch; got ${entries.length}.`);
    const rawMask = body.updateMask;
    const fields = parseMask(typeof rawMask === 'string' ? rawMask : undefined, WRITE_FIELDS, 'updateMask', DOC_URLS.batchUpdate);
    if (!fields) throw maskRequired('updateMask', DOC_URLS.batchUpdate);
    const mask = readMaskOf(body, DOC_URLS.batchUpdate);
    const prepared = entries.map(([name, value]) => {
      const record = contactForWrite(state, name);
      const person: PersonJson = checkPerson(value, `contacts[${name}].value`);
      checkEtag(person, record);
      const content = takeFields(person, fields as Set<WriteField>, record.latest, state.groups, `contacts[${name}].value`);
      if (fields.has('memberships') && content.groups.length === 0) {
        throw violation(`contacts[${name}].value.memberships`, 'memberships is in updateMask but the person has no contact group membership.');
      }
      return { record, content };
    });
    for (const { record, content } of prepared) state.people.write(record, content);
    if (!mask) return {};
    const updateResult: Record<string, unknown> = {};
    for (const { record } of prepared) {
      updateResult[record.resourceName] = { httpStatusCode: 200, person: renderPerson(record, record.latest, state.renderOptions(mask)), status: {} };
    }
    return { updateResult };
  },
};

export const batchDeleteContacts: Route = {
  name: 'people.batchDeleteContacts',
  rpc: 'google.people.v1.PeopleService.BatchDeleteContacts',
  httpMethod: 'POST',
  pattern: /^people:batchDeleteContacts$/,
  params: [],
  write: true,
  mutation: true,
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    checkBodyKeys(body, ['resourceNames']);
    const names = body.resourceNames;
    if (!Array.isArray(names) || names.length === 0) throw violation('resource_names', 'resourceNames is required.');
    if (names.length > 500) throw violation('resource_names', `At most 500 contacts can be deleted in a batch; got ${names.length}.`);
    // An unknown or deleted name fails the whole batch with 404 (undocumented; nothing is deleted).
    const records = [...new Set(names.map(String))].map((name) => contactForWrite(state, name));
    for (const record of records) state.people.remove(record);
    return {};
  },
};
