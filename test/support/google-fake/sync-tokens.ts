// Opaque, tamper-proof page and sync tokens (doc §3.1–§3.5).
// Invariants: a token only decodes if this fake instance issued it (HMAC with a per-instance secret), so a
// forged or corrupted token is a 400 "Request contains an invalid argument." (§3.4); every token carries a
// fingerprint of the request parameters it was issued for, so "all other parameters … must match the first
// call" (§3.1) can be enforced; sync tokens carry their issue time, the start of the full sync that began
// their chain and the invalidation epoch, so expiry (§3.3 item 4, §3.5) is decided at use time.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class TokenCodec {
  private readonly secret = randomBytes(32);

  encode(kind: string, payload: Record<string, unknown>): string {
    const body = Buffer.from(JSON.stringify({ k: kind, ...payload }), 'utf8');
    return Buffer.concat([this.mac(body), body]).toString('base64url');
  }

  /** The payload of a token of this kind issued by this instance, or undefined. */
  decode<T extends Record<string, unknown>>(kind: string, token: string): T | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= 16) return undefined;
    const mac = raw.subarray(0, 16);
    const body = raw.subarray(16);
    if (!timingSafeEqual(mac, this.mac(body))) return undefined;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      return parsed.k === kind ? (parsed as T) : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, 16);
  }
}

/** Stable short hash of request parameters (order-insensitive for sets such as masks and sources). */
export function fingerprint(params: Record<string, unknown>): string {
  const norm = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  return createHash('sha256').update(JSON.stringify(norm)).digest('base64url').slice(0, 16);
}

export interface SyncTokenPayload extends Record<string, unknown> {
  /** Change sequence the token covers up to. */
  seq: number;
  /** Parameter fingerprint of the call that issued it. */
  fp: string;
  /** Issue time (fake clock, ms). */
  iat: number;
  /** Start of the full sync that began this chain of tokens. */
  chain: number;
  /** Invalidation epoch: tokens from an older epoch are expired (server-side reset knob, §11 item 21). */
  ep: number;
}

export interface PageTokenPayload extends Record<string, unknown> {
  fp: string;
  /** Keyset position (last publishSeq served) or offset for non-default sort orders. */
  after: number;
  /** Change sequence when the listing started; becomes the nextSyncToken's seq. */
  snap: number;
  chain: number;
  /** For incremental listings: the seq of the sync token being followed. */
  base: number | null;
}
