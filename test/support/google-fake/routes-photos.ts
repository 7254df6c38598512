// people.updateContactPhoto / people.deleteContactPhoto, and the photo URLs they hand out (doc §5.5, §11 item 46).
// Invariants: photos change only through these two methods (photos is not in updatePersonFields); only
// JPEG or PNG bytes are accepted; both bump the contact's etag; the response is `{}` unless personFields is
// set, then `{person}`; after a delete the contact shows the generated placeholder with `default: true`.

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { unknownField } from './errors.ts';
import { sendHtml } from './http.ts';
import { DOC_URLS } from './params.ts';
import { contactForWrite, optionalReadMask, readSources } from './people-common.ts';
import { violation } from './contact-input.ts';
import { renderPerson } from './person-render.ts';
import type { RequestContext, Route } from './router.ts';
import type { FakeState } from './state.ts';

/** A 1×1 grey PNG standing in for Google's generated monogram. */
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgYAAAAAMAAWgmWQ0AAAAASUVORK5CYII=',
  'base64',
);

function imageType(bytes: Buffer): string | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

export const updateContactPhoto: Route = {
  name: 'people.updateContactPhoto',
  rpc: 'google.people.v1.PeopleService.UpdateContactPhoto',
  httpMethod: 'PATCH',
  pattern: /^(people\/[^/:]+):updateContactPhoto$/,
  params: [],
  write: true,
  mutation: true,
  handle(ctx: RequestContext) {
    const { state, body } = ctx;
    for (const key of Object.keys(body)) if (!['photoBytes', 'personFields', 'sources'].includes(key)) throw unknownField(key, '');
    const mask = optionalReadMask(typeof body.personFields === 'string' ? body.personFields : undefined, 'personFields', DOC_URLS.photo);
    const record = contactForWrite(state, ctx.resourceName);
    const raw = body.photoBytes;
    const bytes = typeof raw === 'string' ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
    const contentType = imageType(bytes);
    if (!contentType) throw violation('photo_bytes', 'All requests must have a valid photo format: JPEG or PNG.');
    const photoId = randomBytes(18).toString('base64url');
    state.photos.set(photoId, { bytes, contentType });
    state.people.write(record, { data: record.latest.data, groups: record.latest.groups, photoId });
    return mask ? { person: renderPerson(record, record.latest, state.renderOptions(mask)) } : {};
  },
};

export const deleteContactPhoto: Route = {
  name: 'people.deleteContactPhoto',
  rpc: 'google.people.v1.PeopleService.DeleteContactPhoto',
  httpMethod: 'DELETE',
  pattern: /^(people\/[^/:]+):deleteContactPhoto$/,
  params: ['personFields', 'sources'],
  write: true,
  mutation: true,
  handle(ctx: RequestContext) {
    const { state } = ctx;
    const mask = optionalReadMask(ctx.query.string('personFields'), 'personFields', DOC_URLS.photo);
    readSources(ctx.query);
    const record = contactForWrite(state, ctx.resourceName);
    state.people.write(record, { data: record.latest.data, groups: record.latest.groups, photoId: null });
    return mask ? { person: renderPerson(record, record.latest, state.renderOptions(mask)) } : {};
  },
};

/** GET /photos/<id> and /photos/default/<sourceId>: the bytes behind photo URLs (no auth, like googleusercontent). */
export function servePhoto(state: FakeState, path: string, res: ServerResponse): void {
  const id = path.slice('/photos/'.length);
  const photo = id.startsWith('default/') ? { bytes: PLACEHOLDER_PNG, contentType: 'image/png' } : state.photos.get(id);
  if (!photo) return sendHtml(res, 404, 'Error 404 (Not Found)', 'Photo not found.');
  res.writeHead(200, { 'Content-Type': photo.contentType, 'Content-Length': photo.bytes.length });
  res.end(photo.bytes);
}
