// The route table of the People API fake (doc §1.1): one entry per googleapis method the fake serves,
// plus the Google methods it deliberately does not implement, which answer 501 UNIMPLEMENTED so nobody
// mistakes a missing feature for Google behaviour.
// Invariant: patterns are anchored and `{+resourceName}` segments never contain `:` or `/` beyond the
// collection prefix, so `people:batchGet`, `people/c1`, `people/c1:updateContact` and
// `people/me/connections` can never shadow each other.

import { ApiError } from './errors.ts';
import type { Route } from './router.ts';
import { listConnections } from './routes-list.ts';
import { getBatchGet, getPerson } from './routes-people-read.ts';
import { createContact, deleteContact, updateContact } from './routes-people-write.ts';
import { batchCreateContacts, batchDeleteContacts, batchUpdateContacts } from './routes-people-batch.ts';
import { deleteContactPhoto, updateContactPhoto } from './routes-photos.ts';
import { batchGetGroups, createGroup, deleteGroup, getGroup, listGroups, modifyMembers, updateGroup } from './routes-groups.ts';

function unimplemented(name: string, httpMethod: Route['httpMethod'], pattern: RegExp, params: string[]): Route {
  return {
    name,
    rpc: `google.people.v1.${name}`,
    httpMethod,
    pattern,
    params,
    write: false,
    mutation: false,
    handle() {
      throw new ApiError(501, 'UNIMPLEMENTED', `${name} is not implemented by the Concord Google fake.`);
    },
  };
}

export const ROUTES: readonly Route[] = [
  listConnections,
  getBatchGet,
  getPerson,
  createContact,
  updateContact,
  deleteContact,
  batchCreateContacts,
  batchUpdateContacts,
  batchDeleteContacts,
  updateContactPhoto,
  deleteContactPhoto,
  listGroups,
  batchGetGroups,
  getGroup,
  createGroup,
  updateGroup,
  deleteGroup,
  modifyMembers,
  unimplemented('people.searchContacts', 'GET', /^people:searchContacts$/, ['pageSize', 'query', 'readMask', 'sources']),
  unimplemented('people.listDirectoryPeople', 'GET', /^people:listDirectoryPeople$/, ['mergeSources', 'pageSize', 'pageToken', 'readMask', 'requestSyncToken', 'sources', 'syncToken']),
  unimplemented('people.searchDirectoryPeople', 'GET', /^people:searchDirectoryPeople$/, ['mergeSources', 'pageSize', 'pageToken', 'query', 'readMask', 'sources']),
  unimplemented('otherContacts.list', 'GET', /^otherContacts$/, ['pageSize', 'pageToken', 'readMask', 'requestSyncToken', 'sources', 'syncToken']),
  unimplemented('otherContacts.search', 'GET', /^otherContacts:search$/, ['pageSize', 'query', 'readMask']),
  unimplemented('otherContacts.copyOtherContactToMyContactsGroup', 'POST', /^(otherContacts\/[^/:]+):copyOtherContactToMyContactsGroup$/, []),
];
