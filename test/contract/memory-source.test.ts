// The memory provider against the ContactSource contract, with a rewriting variant that behaves
// like Radicale and iCloud (the stored card is not byte-identical to the one sent).
import { MemorySource } from '../../electron/engine/providers/memory/memory-source.ts';
import { contactSourceContract } from './contact-source.suite.ts';
import type { SourceFixture } from './contact-source.suite.ts';

function vcard(name: string): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${encodeURIComponent(name)}`, `FN:${name}`, 'END:VCARD', ''].join('\r\n');
}

function fixture(source: MemorySource): SourceFixture {
  return {
    source,
    makePayload: vcard,
    hasName: (payload, name) => payload.includes(`FN:${name}\r\n`),
    editElsewhere: async (item, name) => void source.editExternally(item.id, vcard(name)),
    cleanup: async () => {},
  };
}

contactSourceContract('memory', async () => fixture(new MemorySource({ pageSize: 3 })));
contactSourceContract('memory, rewriting server', async () =>
  fixture(new MemorySource({ pageSize: 4, rewrite: (p) => p.replace('VERSION:3.0', 'VERSION:3.0\r\nPRODID:-//Rewriter//EN') })),
);
