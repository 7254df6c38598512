// A dry run executes the real plan against a source that writes nothing and returns what a
// server would, inside a database transaction that is rolled back: the preview counts exactly
// what a real run would do (first-sync preview, `sync --dry-run`), and nothing changes anywhere.
import type { ContactSource, RemoteItem } from '../providers/types.ts';

export function dryRunSource(source: ContactSource): ContactSource {
  let n = 0;
  const written = (id: string, payload: string): RemoteItem => ({
    id,
    etag: `"dry-${++n}"`,
    payload,
    contentType: payload.trimStart().startsWith('{') ? 'application/json' : 'text/vcard',
    updatedAt: null,
  });
  return {
    capabilities: source.capabilities,
    listChanges: (cursor, options) => source.listChanges(cursor, options),
    get: (ids, options) => source.get(ids, options),
    create: async (payload, options) => written(`dry-run:${options?.idHint ?? n}`, payload),
    update: async (id, _etag, payload) => written(id, payload),
    delete: async () => {},
  };
}
