// Google-shaped errors for the People API fake (doc /work/shared/docs/google-people-api.md §8.1, §8.2).
// Invariant: every API error leaves the fake as `{ error: { code, message, status, details? } }` where
// `code` is the HTTP status as a number and `status` the google.rpc.Code name (AIP-193 mapping, §8.1);
// `details` only appear where the doc says Google sends them (no invented ErrorInfo on plain 400s).
// OAuth endpoint errors use the different OAuth shape `{ error, error_description }` (§9.1): OAuthError.

export interface ErrorDetail {
  '@type': string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly httpStatus: number;
  readonly status: string;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string>;
  /** Why the fake rejected the request, for the fake's error log only (never sent on the wire). */
  readonly why: string | undefined;

  constructor(
    httpStatus: number,
    status: string,
    message: string,
    opts: { details?: ErrorDetail[]; headers?: Record<string, string>; why?: string } = {},
  ) {
    super(message);
    this.httpStatus = httpStatus;
    this.status = status;
    this.details = opts.details;
    this.headers = opts.headers ?? {};
    this.why = opts.why;
  }

  body(): { error: { code: number; message: string; status: string; details?: ErrorDetail[] } } {
    const error: { code: number; message: string; status: string; details?: ErrorDetail[] } = {
      code: this.httpStatus,
      message: this.message,
      status: this.status,
    };
    if (this.details && this.details.length > 0) error.details = this.details;
    return { error };
  }
}

/** Google's generic INVALID_ARGUMENT text, also used for forged page/sync tokens (§3.4, §8.2). */
export const GENERIC_INVALID = 'Request contains an invalid argument.';
export const NOT_FOUND_MESSAGE = 'Requested entity was not found.';
export const PEOPLE_DOMAIN = 'people.googleapis.com';

export function errorInfo(reason: string, domain: string, metadata?: Record<string, string>): ErrorDetail {
  const detail: ErrorDetail = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain };
  if (metadata) detail.metadata = metadata;
  return detail;
}

/** google.rpc.BadRequest with field violations (§5.2: malformed masks carry it). */
export function badRequest(violations: { field: string; description: string }[]): ErrorDetail {
  return { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations };
}

export function invalidArgument(message: string = GENERIC_INVALID, opts: { details?: ErrorDetail[]; why?: string } = {}): ApiError {
  return new ApiError(400, 'INVALID_ARGUMENT', message, opts);
}

export function failedPrecondition(message: string, opts: { details?: ErrorDetail[]; why?: string } = {}): ApiError {
  return new ApiError(400, 'FAILED_PRECONDITION', message, opts);
}

export function notFound(why?: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE, { why });
}

/** `Invalid JSON payload received. Unknown name "x" at 'person.names[0]': Cannot find field.` (§5.1 [INFER]). */
export function unknownField(name: string, at: string): ApiError {
  const where = at ? ` at '${at}'` : '';
  return invalidArgument(`Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.`, {
    details: [badRequest([{ field: at, description: `Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.` }])],
  });
}

/** Error of the OAuth endpoints: `{ error, error_description }` (§9.1), not the AIP-193 shape. */
export class OAuthError extends Error {
  readonly httpStatus: number;
  readonly code: string;
  constructor(httpStatus: number, code: string, description: string) {
    super(description);
    this.httpStatus = httpStatus;
    this.code = code;
  }
  body(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}
