// Query-string parsing with Google's strictness (doc §1.1, §1.3, §11 item 2).
// Invariants: masks arrive comma-separated (`%2C` already decoded by URLSearchParams), repeated params
// as repeated keys; the standard system parameters (alt, prettyPrint, fields, $.xgafv, quotaUser, …) are
// tolerated and ignored; any other parameter the method does not define is a 400, as Google binds query
// parameters to the request message and rejects unknown names — so a typo like `personField` fails here
// exactly as it would against Google.

import { badRequest, invalidArgument } from './errors.ts';

const SYSTEM_PARAMS = new Set([
  '$.xgafv', 'access_token', 'alt', 'callback', 'fields', 'key', 'oauth_token', 'prettyPrint', 'quotaUser',
  'uploadType', 'upload_protocol',
]);

export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export class Query {
  readonly search: URLSearchParams;

  constructor(search: URLSearchParams, allowed: readonly string[]) {
    this.search = search;
    for (const name of new Set(search.keys())) {
      if (SYSTEM_PARAMS.has(name) || allowed.includes(name)) continue;
      const message = `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`;
      throw invalidArgument(message, { details: [badRequest([{ field: '', description: message }])] });
    }
  }

  /** Last value of a scalar parameter (an empty value counts as unset, as for proto3 defaults). */
  string(name: string): string | undefined {
    const all = this.search.getAll(name);
    const value = all[all.length - 1];
    return value === undefined || value === '' ? undefined : value;
  }

  all(name: string): string[] {
    return this.search.getAll(name).filter((v) => v !== '');
  }

  int(name: string): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw) || Math.abs(Number(raw)) > 2 ** 31 - 1) {
      throw invalidArgument(`Invalid value at '${snake(name)}' (TYPE_INT32), "${raw}"`, {
        details: [badRequest([{ field: snake(name), description: `Invalid value at '${snake(name)}' (TYPE_INT32), "${raw}"` }])],
      });
    }
    return Number(raw);
  }

  bool(name: string): boolean {
    const raw = this.string(name);
    if (raw === undefined) return false;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw invalidArgument(`Invalid value at '${snake(name)}' (TYPE_BOOL), "${raw}"`, {
      details: [badRequest([{ field: snake(name), description: `Invalid value at '${snake(name)}' (TYPE_BOOL), "${raw}"` }])],
    });
  }

  enumValue(name: string, valid: readonly string[], enumType: string): string | undefined {
    const raw = this.string(name);
    if (raw !== undefined && !valid.includes(raw)) throw badEnum(snake(name), enumType, raw);
    return raw;
  }

  enumList(name: string, valid: readonly string[], enumType: string): string[] {
    const values = this.all(name);
    values.forEach((v, i) => {
      if (!valid.includes(v)) throw badEnum(`${snake(name)}[${i}]`, enumType, v);
    });
    return values;
  }
}

function badEnum(field: string, enumType: string, value: string) {
  const message = `Invalid value at '${field}' (type.googleapis.com/google.people.v1.${enumType}), "${value}"`;
  return invalidArgument(message, { details: [badRequest([{ field, description: message }])] });
}

/**
 * Parses a FieldMask value (`names,emailAddresses`) against the valid paths. Unknown path → 400 naming
 * it (doc §1.3, §11 item 14). Returns undefined when the mask is absent or empty.
 */
export function parseMask(raw: string | undefined, valid: readonly string[], paramName: string, docUrl: string): Set<string> | undefined {
  if (raw === undefined) return undefined;
  const paths = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (paths.length === 0) return undefined;
  for (const path of paths) {
    if (!valid.includes(path)) {
      const message = `Invalid ${paramName} mask path: "${path}". Valid paths are documented at ${docUrl}.`;
      throw invalidArgument(message, { details: [badRequest([{ field: paramName, description: message }])] });
    }
  }
  return new Set(paths);
}

/** The exact "mask is required" text of §3.1 / §8.2, for the given parameter and reference page. */
export function maskRequired(paramName: string, docUrl: string) {
  return invalidArgument(
    `${paramName} mask is required. Please specify one or more valid paths. Valid paths are documented at ${docUrl}.`,
  );
}

export const DOC_URLS = {
  list: 'https://developers.google.com/people/api/rest/v1/people.connections/list',
  get: 'https://developers.google.com/people/api/rest/v1/people/get',
  getBatchGet: 'https://developers.google.com/people/api/rest/v1/people/getBatchGet',
  create: 'https://developers.google.com/people/api/rest/v1/people/createContact',
  update: 'https://developers.google.com/people/api/rest/v1/people/updateContact',
  batchCreate: 'https://developers.google.com/people/api/rest/v1/people/batchCreateContacts',
  batchUpdate: 'https://developers.google.com/people/api/rest/v1/people/batchUpdateContacts',
  photo: 'https://developers.google.com/people/api/rest/v1/people/updateContactPhoto',
  groups: 'https://developers.google.com/people/api/rest/v1/contactGroups',
} as const;
