// Which ContactSource and codec serve an account, by kind. Hosts pass the factories to
// createEngine (CardDAV, Google), tests and the demo add memory sources; the runner asks here.
import type { Account, AccountKind } from '../../../shared/model/account.ts';
import type { WritableDb } from '../db/handle.ts';
import type { ContactSource } from '../providers/types.ts';
import type { RecordCodec } from './codec.ts';

export interface SourceBinding {
  source: ContactSource;
  codec: RecordCodec;
}

/**
 * Builds the binding for an account; `secret` is what the SecretStore holds for it (password,
 * refresh token); `db` is for codecs that keep blobs (photos).
 */
export type SourceFactory = (account: Account, secret: string | null, env: { db: WritableDb }) => SourceBinding | Promise<SourceBinding>;

export type SourceFactories = Partial<Record<AccountKind, SourceFactory>>;
