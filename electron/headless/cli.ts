// The `concord` command line (headless composition root, DESIGN.md §6). Global options come before
// the command: `concord [--data-dir DIR] COMMAND ...`. Exit 0 on success; otherwise one line on
// stderr and a non-zero code. Commands: serve, version (the rest arrive with the headless issue).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConcordError } from '../../shared/api/errors.ts';
import { createEngine } from '../engine/index.ts';
import { defaultSourceFactories } from '../engine/providers/registry.ts';
import { resolveDataDir } from './data-dir.ts';
import { headlessPorts } from './file-ports.ts';
import { startServer } from './serve.ts';
import { appVersion } from './version.ts';

export const defaultStaticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

const usage = `Usage: concord [--data-dir DIR] COMMAND

Commands:
  serve [--port N] [--static DIR]   the Concord UI in your browser, on 127.0.0.1 only
  version                           print the version

Environment: CONCORD_DATA_DIR (same as --data-dir), CONCORD_LOG (debug|info|warn|error)`;

class UsageError extends Error {}

async function serve(dataDir: string, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, static: { type: 'string' } }, strict: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not ${values.port}`);
  const staticDir = values.static ?? defaultStaticDir;
  if (!existsSync(staticDir)) throw new UsageError(`The UI is not built (${staticDir} is missing): run npm run build first.`);
  const engine = createEngine(headlessPorts(dataDir), { dataDir, host: 'headless', version: appVersion, sources: defaultSourceFactories(process.env) });
  const server = await startServer({ engine, staticDir, port });
  process.stdout.write(`Concord is serving its UI at ${server.url}\n(loopback only; the link carries this session's key. Ctrl-C stops.)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  engine.close();
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  const [command] = positionals;
  const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
  const commandArgs = argv.slice(argv.indexOf(command ?? '') + 1);
  try {
    switch (command) {
      case undefined:
      case 'help':
        process.stdout.write(`${usage}\n`);
        return 0;
      case 'version':
        process.stdout.write(`${appVersion}\n`);
        return 0;
      case 'serve':
        await serve(dataDir, commandArgs);
        return 0;
      default:
        throw new UsageError(`unknown command '${command}' (see concord help)`);
    }
  } catch (error) {
    const message = error instanceof ConcordError || error instanceof UsageError || error instanceof TypeError ? error.message : String(error);
    process.stderr.write(`concord: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
