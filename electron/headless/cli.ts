// The `concord` command line (headless composition root, DESIGN.md §6). Global options come before
// the command: `concord [--data-dir DIR] COMMAND ...` (a command also takes --data-dir after its
// name). Each command group lives in commands/; this file routes, opens the engine on first use and
// turns every failure into one line on stderr.
// Invariants: exit 0 on success; otherwise exactly one line `concord: …` on stderr and a non-zero
// code (2: wrong usage, 3: a safety stop paused the sync, 1: anything else); secrets never come
// from argv (cli-kit.ts) and never reach a log or an error message.
import { fileURLToPath } from 'node:url';
import { ConcordError } from '../../shared/api/errors.ts';
import { isProviderError } from '../engine/providers/types.ts';
import type { Cli, Command, Io } from './cli-kit.ts';
import { EXIT, UsageError } from './cli-kit.ts';
import { accountCommand } from './commands/account.ts';
import { conflictsCommand } from './commands/conflicts.ts';
import { contactsCommand } from './commands/contacts.ts';
import { demoCommand } from './commands/demo.ts';
import { historyCommand, undoCommand } from './commands/history.ts';
import { defaultStaticDir, serveCommand } from './commands/serve.ts';
import { statusCommand } from './commands/status.ts';
import { syncCommand } from './commands/sync.ts';
import { trashCommand } from './commands/trash.ts';
import { exportCommand, importCommand } from './commands/transfer.ts';
import { duplicatesCommand } from './commands/duplicates.ts';
import { DATA_DIR_ENV, resolveDataDir } from './data-dir.ts';
import { busyDatabase, isBusyDatabase, openEngine } from './session.ts';
import type { EngineSession } from './session.ts';
import { appVersion } from './version.ts';

export { defaultStaticDir };

const usage = `Usage: concord [--data-dir DIR] COMMAND

Accounts
  account add carddav --name NAME --url URL --username USER --password-env VAR [--direction two-way|pull|push]
  account add icloud  --name NAME --username APPLE_ID --password-env VAR [--url URL]
  account add google  --name NAME --client-id ID --client-secret-env VAR [--refresh-token-env VAR]
  account add folder  --name NAME --path DIR
  account list [--json]
  account remove NAME
Syncing
  sync [--account NAME] [--dry-run] [--json] [--yes]
  status [--json]
Contacts
  contacts list [--search TEXT] [--json]
  contacts show ID [--json]
  conflicts list [--json]
  conflicts resolve ID --take ACCOUNT_NAME|hub | --value JSON
  duplicates list [--scan] [--json] | duplicates merge ID | duplicates dismiss ID
  history [--contact ID] [--json]
  undo RUN_ID
  trash list [--json] | trash restore ID
Files
  import FILE [--format vcf|csv] [--into ACCOUNT_NAME] [--mapping FILE] [--dry-run] [--json]
  export --format vcf|csv [--layout google|outlook] [--vcard 3.0|4.0] [--account NAME] --out FILE|DIR
Browser UI
  serve [--port N] [--static DIR]      the Concord UI on 127.0.0.1 only
  demo [--data-dir DIR] [--port N]     sample data in two folder accounts, synced, then served
Other
  version | help

Passwords and tokens come from environment variables (--password-env VAR …) or stdin, never
from the command line. Environment: CONCORD_DATA_DIR (same as --data-dir), CONCORD_LOG
(debug|info|warn|error: log to stderr instead of DIR/concord.log), CONCORD_GOOGLE_API_ROOT,
CONCORD_GOOGLE_TOKEN_URL, CONCORD_GOOGLE_AUTH_URL (Google endpoints, for testing).
Exit status: 0 success, 1 failure, 2 wrong usage, 3 a safety stop paused the sync (--yes approves).`;

const commands: Record<string, Command> = {
  account: accountCommand,
  sync: syncCommand,
  status: statusCommand,
  contacts: contactsCommand,
  conflicts: conflictsCommand,
  history: historyCommand,
  undo: undoCommand,
  trash: trashCommand,
  duplicates: duplicatesCommand,
  import: importCommand,
  export: exportCommand,
  serve: serveCommand,
  demo: demoCommand,
};

/** Commands that run as long-lived servers log to stderr; the others to <dataDir>/concord.log. */
const serving = new Set(['serve', 'demo']);

function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

interface Globals {
  dataDir: string | undefined;
  command: string | undefined;
  rest: string[];
}

/** Global options are the ones before the command name. */
function globals(argv: string[]): Globals | 'help' {
  let dataDir: string | undefined;
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      dataDir = arg === '--data-dir' ? argv[++i] : arg.slice('--data-dir='.length);
      if (!dataDir) throw new UsageError('--data-dir needs a folder');
      continue;
    }
    throw new UsageError(`unknown option '${arg}' (see concord help)`);
  }
  return { dataDir, command: argv[i], rest: argv.slice(i + 1) };
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ').trim();
}

function explain(error: unknown, cli: Cli | null, session: EngineSession | null): { code: number; message: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message };
  if (error instanceof ConcordError) {
    if (error.code === 'INTERNAL' && session?.sawBusyDatabase() && cli) return { code: EXIT.failed, message: busyDatabase(cli.dataDir).message };
    if (error.code === 'INTERNAL' && session?.logPath) return { code: EXIT.failed, message: `${error.message.replace(/ The details are in the log\.$/, '')} Details: ${session.logPath}` };
    return { code: EXIT.failed, message: error.message };
  }
  if (isBusyDatabase(error) && cli) return { code: EXIT.failed, message: busyDatabase(cli.dataDir).message };
  if (isProviderError(error)) return { code: EXIT.failed, message: error.message };
  return { code: EXIT.failed, message: error instanceof Error ? error.message : String(error) };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let cli: Cli | null = null;
  let session: EngineSession | null = null;
  try {
    const g = globals(argv);
    if (g === 'help' || g.command === undefined || g.command === 'help') {
      io.stdout.write(`${usage}\n`);
      return EXIT.ok;
    }
    if (g.command === 'version' || g.command === '--version') {
      io.stdout.write(`${appVersion}\n`);
      return EXIT.ok;
    }
    const run = commands[g.command];
    if (!run) throw new UsageError(`unknown command '${g.command}' (see concord help)`);
    const log = serving.has(g.command) ? 'stderr' : 'file';
    let opening: Promise<EngineSession> | null = null;
    const context: Cli = {
      dataDir: resolveDataDir(g.dataDir, io.env),
      dataDirFrom: g.dataDir !== undefined ? 'flag' : io.env[DATA_DIR_ENV] ? 'env' : 'default',
      io,
      session() {
        opening ??= Promise.resolve().then(() => (session = openEngine(context.dataDir, io.env, log)));
        return opening;
      },
      useDataDir(dir) {
        if (opening) throw new Error('the data folder cannot change after the engine opened');
        context.dataDir = dir;
        context.dataDirFrom = 'flag';
      },
    };
    cli = context;
    return await run(g.rest, context);
  } catch (error) {
    const { code, message } = explain(error, cli, session);
    io.stderr.write(`concord: ${oneLine(message)}\n`);
    return code;
  } finally {
    (session as EngineSession | null)?.close();
  }
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(async (code) => {
    await Promise.all([flush(process.stdout), flush(process.stderr)]);
    process.exit(code);
  });
}
