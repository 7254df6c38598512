// people.createContact, people.updateContact, people.deleteContact (doc §5.1–§5.3, §11 items 30–44).
// Invariants: create puts a contact without memberships into myContacts and answers with all fields unless
// personFields is set; update requires updatePersonFields (exact §8.2 text) and a current etag, replaces
// masked fields wholesale (masked-but-absent → cleared), leaves the rest untouched and answers with a new
// etag that the next update can use at once; delete answers `{}` and a second delete is 404.

import { DOC_URLS, maskRequired, parseMask } from './params.ts';
import { allFields, checkContactCap, checkEtag, contactForWrite, optionalReadMask, readSources } from './people-common.ts';
import { checkPerson, presentFields, takeFields, violation } from './contact-input.ts';
import { WRITE_FIELDS } from './person-schema.ts';
import type { WriteField } from './person-schema.ts';
import { renderPerson } from './person-render.ts';
import type { RequestContext, Route } from './router.ts';

export const createContact: Route = {
  name: 'people.createContact',
  rpc: 'google.people.v1.PeopleService.CreateContact',
  httpMethod: 'POST',
  pattern: /^people:createContact$/,
  params: ['personFields', 'sources'],
  write: true,
  mutation: true,
  handle(ctx: RequestContext) {
    const { state } = ctx;
    const mask = optionalReadMask(ctx.query.string('personFields'), 'personFields', DOC_URLS.create) ?? allFields();
    readSources(ctx.query);
    const person = checkPerson(ctx.body, 'person');
    const content = takeFields(person, presentFields(person), { data: {}, groups: [], photoId: null }, state.groups, 'person');
    if (content.groups.length === 0) content.groups = ['contactGroups/myContacts'];
    checkContactCap(state, 1);
    const record = state.people.create(content);
    return renderPerson(record, record.latest, state.renderOptions(mask));
  },
};

export const updateContact: Route = {
  name: 'people.updateContact',
  rpc: 'google.people.v1.PeopleService.UpdateContact',
  httpMethod: 'PATCH',
  pattern: /^(people\/[^/:]+):updateContact$/,
  params: ['personFields', 'sources', 'updatePersonFields'],
  write: true,
  mutation: true,
  handle(ctx: RequestContext) {
    const { state } = ctx;
    const fields = parseMask(ctx.query.string('updatePersonFields'), WRITE_FIELDS, 'updatePersonFields', DOC_URLS.update);
    if (!fields) throw maskRequired('updatePersonFields', DOC_URLS.update);
    const mask = optionalReadMask(ctx.query.string('personFields'), 'personFields', DOC_URLS.update) ?? allFields();
    readSources(ctx.query);
    const record = contactForWrite(state, ctx.resourceName);
    const person = checkPerson(ctx.body, 'person');
    checkEtag(person, record);
    const content = takeFields(person, fields as Set<WriteField>, record.latest, state.groups, 'person');
    if (fields.has('memberships') && content.groups.length === 0) {
      throw violation('person.memberships', 'memberships is in updatePersonFields but the person has no contact group membership.');
    }
    state.people.write(record, content);
    return renderPerson(record, record.latest, state.renderOptions(mask));
  },
};

export const deleteContact: Route = {
  name: 'people.deleteContact',
  rpc: 'google.people.v1.PeopleService.DeleteContact',
  httpMethod: 'DELETE',
  pattern: /^(people\/[^/:]+):deleteContact$/,
  params: [],
  write: true,
  mutation: true,
  handle(ctx: RequestContext) {
    ctx.state.people.remove(contactForWrite(ctx.state, ctx.resourceName));
    return {};
  },
};
