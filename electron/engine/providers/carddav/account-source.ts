// The ContactSource for one CardDAV or iCloud account, as the account's settings ask for it: the
// plain CardDavSource when groups live in CATEGORIES, wrapped in GroupCardSource when they live in
// group cards (groupsMode, shared/model/account.ts). One place, so the registry stays a list of kinds.
// Invariant: in group-cards mode the inner source compares and reuses the engine's stored items in
// their unfolded form (the server's bytes and etags), never the folded ones the engine holds.
import type { GroupsMode } from '../../../../shared/model/account.ts';
import type { ContactSource } from '../types.ts';
import { CardDavSource } from './carddav-source.ts';
import type { CardDavSourceOptions } from './carddav-source.ts';
import { GroupCardSource, serverEtag, unfoldStored } from './group-cards.ts';

export function accountCardDavSource(options: CardDavSourceOptions & { groupsMode: GroupsMode }): ContactSource {
  const { groupsMode, stored, ...rest } = options;
  if (groupsMode !== 'group-cards') return new CardDavSource({ ...rest, ...(stored && { stored }) });
  const { knownEtags } = rest;
  const inner = new CardDavSource({
    ...rest,
    ...(stored && { stored: async () => unfoldStored(await stored()) }),
    ...(knownEtags && { knownEtags: async () => new Map([...(await knownEtags())].map(([id, version]) => [id, serverEtag(version)])) }),
  });
  return new GroupCardSource({ inner, ...(stored && { stored }) });
}
