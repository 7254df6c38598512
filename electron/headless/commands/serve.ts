// `concord serve [--port P] [--static DIR]`: the Concord UI in a browser on 127.0.0.1 (serve.ts
// has the guards), over the same engine as the CLI, until Ctrl-C or SIGTERM. Syncs started from the
// browser take the data folder's sync lock too, so they never run alongside a `concord sync`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withLockedSyncs } from '../../engine/sync/lock.ts';
import type { Cli, Command } from '../cli-kit.ts';
import { EXIT, UsageError, parse } from '../cli-kit.ts';
import { startServer } from '../serve.ts';
import type { EngineSession } from '../session.ts';

export const defaultStaticDir = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

const usage = 'concord serve [--port N] [--static DIR]';

export const serveOptions = { port: { type: 'string' }, static: { type: 'string' } } as const;

export interface ServeSettings {
  port: number;
  staticDir: string;
}

export function serveSettings(values: { port?: string; static?: string }): ServeSettings {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not ${values.port}`);
  const staticDir = values.static ?? defaultStaticDir;
  if (!existsSync(staticDir)) throw new UsageError(`The UI is not built (${staticDir} is missing): run npm run build first.`);
  return { port, staticDir };
}

/** Serves until SIGINT/SIGTERM, printing one line with the URL (it carries the session's key). */
export async function serveUntilStopped(cli: Cli, session: EngineSession, settings: ServeSettings): Promise<number> {
  const { engine } = session;
  // The engine as the server sees it: sync.run and history.undo hold the data folder's sync lock.
  const locked = { dispatch: withLockedSyncs(engine, cli.dataDir, 'concord serve'), subscribe: (listener: Parameters<typeof engine.subscribe>[0]) => engine.subscribe(listener) };
  const server = await startServer({ engine: locked, staticDir: settings.staticDir, port: settings.port });
  // Listen for the signals before printing the URL: whoever reads the URL may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  cli.io.stdout.write(`Concord is serving its UI at ${server.url}\n(loopback only; the link carries this session's key. Ctrl-C stops.)\n`);
  await stopped;
  await server.close();
  return EXIT.ok;
}

export const serveCommand: Command = async (args, cli) => {
  const parsed = parse(args, cli, serveOptions, usage);
  if (!parsed) return EXIT.ok;
  const settings = serveSettings(parsed.values);
  const session = await cli.session();
  return serveUntilStopped(cli, session, settings);
};
