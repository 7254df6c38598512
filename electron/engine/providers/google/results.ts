// Per-item outcomes of batch writes, and the ProviderErrors writes raise for one contact.
// Invariant: a batch method answers one result per request, in request order, whatever order
// Google answered in (createdPeople order is undocumented, google-people-api.md §5.4).
import { ProviderError } from '../types.ts';

export type WriteResult<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export const succeeded = <T>(value: T): WriteResult<T> => ({ ok: true, value });
export const failed = <T>(error: ProviderError): WriteResult<T> => ({ ok: false, error });

export function contactGone(id: string): ProviderError {
  return new ProviderError('not-found', `The contact ${id} no longer exists in Google.`, { status: 404 });
}

export function contactChanged(id: string): ProviderError {
  return new ProviderError('precondition-failed', `The contact ${id} changed in Google since Concord last read it.`, { status: 400 });
}

/** Errors that concern the whole account, not one contact: a batch stops and throws them. */
export function stopsEverything(error: ProviderError): boolean {
  return error.kind === 'auth' || error.kind === 'cancelled';
}
