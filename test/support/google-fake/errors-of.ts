// Test helper: catches what the real googleapis / google-auth-library clients throw (a gaxios GaxiosError,
// doc §8.3) and exposes the parts tests assert on. Typed structurally so tests need not import gaxios.

export interface GoogleApiErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: { '@type': string; reason?: string; domain?: string; metadata?: Record<string, string>; [k: string]: unknown }[];
  };
}

export interface ClientError<Body = GoogleApiErrorBody> {
  name: string;
  message: string;
  /** Number for API errors (AIP-193 `error.code`), string for network errors. */
  code: number | string | undefined;
  status: number | undefined;
  response: { status: number; data: Body; headers: Headers } | undefined;
  cause?: unknown;
}

/** Awaits `promise`, which must reject with an HTTP error from the client; returns that error. */
export async function clientError<Body = GoogleApiErrorBody>(promise: Promise<unknown>): Promise<ClientError<Body>> {
  try {
    await promise;
  } catch (error) {
    const e = error as ClientError<Body>;
    if (e && typeof e === 'object' && e.response) return e;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export type OAuthErrorBody = { error: string; error_description: string };
