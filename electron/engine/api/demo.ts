// demo.load: the UI's "Try with sample data". Writes the two sample address books (demo-data.ts) as
// folders under <dataDir>/sample-address-books/ and adds them as folder accounts, exactly as
// `concord demo` does; the UI then previews and runs the first sync like for any account.
// Invariants: refused when the hub already has other accounts (sample people must never be pushed
// into a real address book); never overwrites an existing card file; loading twice adds nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Account } from '../../../shared/model/account.ts';
import { listAccounts } from '../db/repos/accounts.ts';
import { accountHandlers } from './accounts.ts';
import { sampleBooks } from './demo-data.ts';
import type { SampleCard } from './demo-data.ts';
import type { EngineContext } from './context.ts';
import type { DomainHandlers } from './handlers.ts';

/** The sample accounts' names; `concord demo` (electron/headless/commands/demo.ts) loads through demo.load too. */
export const DEMO_ACCOUNT_NAMES = { phone: 'Sample phone', laptop: 'Sample laptop' } as const;

function writeBook(dir: string, cards: readonly SampleCard[]): void {
  mkdirSync(dir, { recursive: true });
  for (const c of cards) {
    try {
      writeFileSync(join(dir, c.file), c.vcard, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The accounts that are not the sample ones: any of them means this Concord is not for sample data. */
export function nonSampleAccounts<A extends Pick<Account, 'kind' | 'name'>>(accounts: readonly A[]): A[] {
  const names = Object.values(DEMO_ACCOUNT_NAMES) as string[];
  return accounts.filter((a) => a.kind !== 'folder' || !names.includes(a.name));
}

async function load(ctx: EngineContext): Promise<{ accounts: Account[] }> {
  const existing = listAccounts(ctx.db);
  const others = nonSampleAccounts(existing);
  if (others.length > 0) {
    throw new ConcordError(
      'ALREADY_EXISTS',
      `Sample data is only for an empty Concord: it would be synced into ${others.map((a) => a.name).join(', ')}. Try it with a new data folder (concord demo --data-dir NEW_FOLDER).`,
    );
  }
  const books = sampleBooks();
  const added: Account[] = [];
  for (const key of ['phone', 'laptop'] as const) {
    const name = DEMO_ACCOUNT_NAMES[key];
    const present = existing.find((a) => a.name === name);
    if (present) {
      added.push(present);
      continue;
    }
    const dir = join(ctx.dataDir, 'sample-address-books', key);
    writeBook(dir, books[key]);
    const params = { kind: 'folder', name, path: dir, url: null, username: null, secret: null, direction: 'two-way', defaultRegion: null, conflictPolicy: 'ask', priority: 0 } as const;
    added.push(await accountHandlers['accounts.add'](params, ctx));
  }
  return { accounts: added };
}

export const demoHandlers: DomainHandlers<'demo.load'> = {
  'demo.load': (_p, ctx) => load(ctx),
};
