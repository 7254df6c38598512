// The closed set of error codes that cross the contract (DESIGN.md §2). Callers switch on the code,
// never on message text; messages are for people and are already safe to show.
export const errorCodes = [
  'INVALID_PARAMS', // params failed validation; message names the field
  'UNKNOWN_METHOD', // no such method in the contract
  'NOT_FOUND', // the addressed account, contact, run … does not exist
  'ALREADY_EXISTS', // e.g. an account name already taken
  'AUTH_REQUIRED', // an account needs the user to sign in again (401, revoked token)
  'RATE_LIMITED', // a provider asked us to slow down; retried later
  'PROVIDER_ERROR', // a server failed or answered something we cannot use
  'CANCELLED', // the caller aborted
  'BUSY', // single-flight: the same work is already running
  'DATABASE_TOO_NEW', // the local database was written by a newer Concord
  'UNAVAILABLE', // the engine is closed or the transport is down
  'INTERNAL', // a bug: logged with details, shown generically
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Thrown on either side of the contract; turned into `{ ok: false, error }` when crossing it. */
export class ConcordError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConcordError';
    this.code = code;
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
