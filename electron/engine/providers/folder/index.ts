// The folder provider's public surface: FolderSource, the engine's source factory for 'folder'
// accounts (cards read and written as vCard 3.0, the version every program reads), and how an
// account stores its folder: as a file: URL in its settings' `url` (no secret, no user name).
// Invariant: a folder account's path is absolute; accounts.add checks it exists or creates it.
import { mkdirSync, statSync } from 'node:fs';
import { isAbsolute, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Account } from '../../../../shared/model/account.ts';
import { vcardCodec } from '../../sync/codecs/vcard.ts';
import type { SourceFactory } from '../../sync/sources.ts';
import { ProviderError } from '../types.ts';
import { FolderSource } from './folder-source.ts';

export { FolderSource, contentEtag } from './folder-source.ts';
export type { FolderSourceOptions } from './folder-source.ts';
export { fileNameFor, isCardName } from './names.ts';

/** The settings `url` of a folder account. */
export function folderUrl(path: string): string {
  return pathToFileURL(path).href;
}

/** The folder of a folder account. */
export function folderPathOf(account: Pick<Account, 'settings' | 'name'>): string {
  const url = account.settings.url;
  if (!url?.startsWith('file:')) throw new ProviderError('unavailable', `The account “${account.name}” has no folder.`);
  return fileURLToPath(url);
}

/**
 * Checks a folder for a new account: absolute, and a folder (created, with its parents, when it
 * does not exist yet). Returns the normalised path; throws an Error with a message for people.
 */
export function prepareFolder(path: string): string {
  if (!isAbsolute(path)) throw new Error(`The folder must be an absolute path, not ${path}.`);
  const clean = normalize(path);
  const existing = statSync(clean, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) throw new Error(`${clean} is a file, not a folder.`);
  if (existing) return clean;
  try {
    mkdirSync(clean, { recursive: true });
  } catch (error) {
    throw new Error(`Concord cannot create the folder ${clean}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { cause: error });
  }
  return clean;
}

/** Folder accounts for the engine: one FolderSource per run (it keeps no state between calls). */
export const folderSourceFactory: SourceFactory = (account, _secret, { db }) => ({
  source: new FolderSource({ path: folderPathOf(account) }),
  codec: vcardCodec({ version: '3.0', db }),
});
