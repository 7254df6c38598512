// people.get and people.getBatchGet (doc §4, §11 items 28–29).
// Invariants: personFields required; unknown/deleted → 404 (get) or per-item status {code:5} (batchGet,
// responses in request order, ≤200 names); a relinked contact is found under its previous name and batchGet
// echoes that name as requestedResourceName (§2.1); with the propagation knob `staleGets`, reads see the
// last *visible* version — the read-after-write lag behind the consecutive-update etag failures (§10 item 3).

import { invalidArgument, NOT_FOUND_MESSAGE, notFound } from './errors.ts';
import { DOC_URLS } from './params.ts';
import type { ContactRecord, ContactVersion } from './people-store.ts';
import { checkReadableName, readSources, requiredReadMask } from './people-common.ts';
import { prune, renderPerson } from './person-render.ts';
import type { RequestContext, Route } from './router.ts';
import type { FakeState } from './state.ts';

const PROFILE_ID = '100000000000000000001';

export const getPerson: Route = {
  name: 'people.get',
  rpc: 'google.people.v1.PeopleService.GetPerson',
  httpMethod: 'GET',
  pattern: /^(people\/[^/:]+)$/,
  params: ['personFields', 'requestMask.includeField', 'sources'],
  write: false,
  mutation: false,
  handle(ctx: RequestContext) {
    checkReadableName(ctx.resourceName);
    const mask = requiredReadMask(ctx.query, DOC_URLS.get);
    readSources(ctx.query);
    const found = readable(ctx.state, ctx.resourceName);
    if (found === 'profile') return profile(mask);
    if (!found) throw notFound(`no contact ${ctx.resourceName}`);
    return renderPerson(found.record, found.version, ctx.state.renderOptions(mask));
  },
};

export const getBatchGet: Route = {
  name: 'people.getBatchGet',
  rpc: 'google.people.v1.PeopleService.GetPeople',
  httpMethod: 'GET',
  pattern: /^people:batchGet$/,
  params: ['personFields', 'requestMask.includeField', 'resourceNames', 'sources'],
  write: false,
  mutation: false,
  handle(ctx: RequestContext) {
    const names = ctx.query.all('resourceNames');
    if (names.length === 0) throw invalidArgument(undefined, { why: 'resourceNames is required' });
    if (names.length > 200) throw invalidArgument(undefined, { why: `getBatchGet: ${names.length} resourceNames > 200` });
    names.forEach(checkReadableName);
    const mask = requiredReadMask(ctx.query, DOC_URLS.getBatchGet);
    readSources(ctx.query);
    const responses = names.map((name) => {
      const found = readable(ctx.state, name);
      if (found === 'profile') return { httpStatusCode: 200, person: profile(mask), requestedResourceName: name, status: {} };
      if (!found) return { httpStatusCode: 404, requestedResourceName: name, status: { code: 5, message: NOT_FOUND_MESSAGE } };
      return {
        httpStatusCode: 200,
        person: renderPerson(found.record, found.version, ctx.state.renderOptions(mask)),
        requestedResourceName: name,
        status: {},
      };
    });
    return { responses };
  },
};

function readable(state: FakeState, name: string): { record: ContactRecord; version: ContactVersion } | 'profile' | undefined {
  if (name === 'people/me' || name === `people/${PROFILE_ID}`) return 'profile';
  const record = state.people.lookup(name);
  if (!record) return undefined;
  if (state.faults.propagation.staleGets) {
    state.people.publish();
    const version = record.visible;
    return version && !version.deleted ? { record, version } : undefined;
  }
  return record.latest.deleted ? undefined : { record, version: record.latest };
}

/** The signed-in user's own profile (people/me): a PROFILE source, not a contact (§4). */
function profile(mask: ReadonlySet<string>): Record<string, unknown> {
  const source = { type: 'PROFILE', id: PROFILE_ID };
  const person: Record<string, unknown> = { resourceName: `people/${PROFILE_ID}`, etag: '%EgMBAgMaBAECBQciDHByb2ZpbGUwMDAx' };
  if (mask.has('metadata')) person.metadata = { sources: [{ ...source, etag: '#profile0001' }], objectType: 'PERSON' };
  if (mask.has('names')) {
    person.names = [{ metadata: { primary: true, source }, displayName: 'Fake User', givenName: 'Fake', familyName: 'User', displayNameLastFirst: 'User, Fake', unstructuredName: 'Fake User' }];
  }
  if (mask.has('emailAddresses')) person.emailAddresses = [{ metadata: { primary: true, verified: true, source }, value: 'fake.user@gmail.com' }];
  return prune(person) as Record<string, unknown>;
}
