// The CardDAV provider's public surface: discovery and the ContactSource for one address book.
// The engine and hosts import from here only; tsdav stays inside this folder (eslint.config.js
// packageHomes, DESIGN.md §1).
export { CardDavSource } from './carddav-source.ts';
export type { CardDavSourceOptions, StoredItem } from './carddav-source.ts';
export { GroupCardSource, serverEtag, unfoldStored } from './group-cards.ts';
export { accountCardDavSource } from './account-source.ts';
export { discoverAddressBooks } from './discovery.ts';
export type { DiscoveredAddressBook, DiscoveryOptions, DiscoveryResult } from './discovery.ts';
export { decodeCursor, encodeCursor } from './cursor.ts';
export type { CardDavCursor } from './cursor.ts';
export { basicAuthorization } from './transport.ts';
export { parseRetryAfter } from './http-errors.ts';
