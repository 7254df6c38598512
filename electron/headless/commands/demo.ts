// `concord demo [--data-dir DIR] [--port N] [--static DIR]`: Concord with sample data and no
// credentials. Two folder accounts ("Sample phone", "Sample laptop") get generated address books of
// overlapping people (written by the engine's demo.load, electron/engine/api/demo.ts, as the UI's
// "Try with sample data" does), one sync links them (showing conflicts and likely duplicates), then
// the UI is served exactly as `concord serve` does.
// Invariants: without --data-dir the demo uses a new temporary folder, never the user's real data;
// it refuses a data folder that holds other accounts; it never overwrites an existing card file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcordError } from '../../../shared/api/errors.ts';
import { nonSampleAccounts } from '../../engine/api/demo.ts';
import type { Command } from '../cli-kit.ts';
import { EXIT, parse } from '../cli-kit.ts';
import { withSyncLock } from '../lock.ts';
import { SYNC_LOCK_WAIT_MS, outcome } from './sync.ts';
import { serveOptions, serveSettings, serveUntilStopped } from './serve.ts';

const usage = 'concord demo [--data-dir DIR] [--port N] [--static DIR]';

export const demoCommand: Command = async (args, cli) => {
  const parsed = parse(args, cli, serveOptions, usage);
  if (!parsed) return EXIT.ok;
  const settings = serveSettings(parsed.values);
  if (cli.dataDirFrom === 'default') cli.useDataDir(mkdtempSync(join(tmpdir(), 'concord-demo-')));
  const { client } = await cli.session();
  const out = cli.io.stdout;

  const accounts = await client.call('accounts.list');
  const others = nonSampleAccounts(accounts);
  if (others.length > 0) {
    throw new ConcordError(
      'ALREADY_EXISTS',
      `${cli.dataDir} already holds Concord accounts (${others.map((a) => a.name).join(', ')}); the demo needs a data folder of its own: concord demo --data-dir NEW_FOLDER`,
    );
  }
  // Writes the sample books (never over an existing card file) and adds the accounts not there yet.
  await client.call('demo.load');

  const status = await client.call('status.get');
  if (status.lastRun === null) {
    out.write(`Sample data in ${cli.dataDir}: two address books (folders under sample-address-books/) with overlapping people.\n`);
    const summary = await withSyncLock(cli.dataDir, 'concord demo', SYNC_LOCK_WAIT_MS, () => client.call('sync.run', {}));
    const { line } = outcome(summary);
    if (line) cli.io.stderr.write(`concord: ${line}\n`);
  }
  const after = await client.call('status.get');
  // The first run's report says how many people were found in both books (rather than copied over).
  const [first] = (await client.call('history.runs', { limit: 500 })).filter((r) => r.trigger === 'manual').slice(-1);
  const linked = (first?.summary.accounts ?? []).reduce((n, r) => n + r.linked, 0);
  out.write(
    `${after.contacts} contacts: ${linked} people were in both address books and got linked; ${after.conflicts} conflicts to decide; ${after.suggestions} possible duplicates.\n`,
  );
  return serveUntilStopped(cli, await cli.session(), settings);
};
