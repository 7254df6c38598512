// Memory accounts for tests and the sample-data demo: one MemorySource per account id, created on
// first use (or handed in), read and written as vCard 3.0 like a CardDAV server.
import type { SourceFactory } from '../../sync/sources.ts';
import { vcardCodec } from '../../sync/codecs/vcard.ts';
import { MemorySource } from './memory-source.ts';

export function memorySourceFactory(sources: Map<string, MemorySource> = new Map()): SourceFactory {
  return (account, _secret, { db }) => {
    let source = sources.get(account.id);
    if (!source) sources.set(account.id, (source = new MemorySource()));
    return { source, codec: vcardCodec({ version: '3.0', db }) };
  };
}
