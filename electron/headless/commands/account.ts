// `concord account add|list|remove`: accounts by name. Passwords, client secrets and refresh
// tokens come from environment variables (--password-env VAR …) or stdin, never from argv, and go
// straight to the secret store. A Google account without a refresh token signs in through the
// browser (loopback redirect with PKCE, the provider's signInWithBrowser); the URL is printed.
// Invariant: the Google client libraries stay inside providers/google: this file only calls the
// provider's exported functions.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Account } from '../../../shared/model/account.ts';
import { groupsModes, syncDirections } from '../../../shared/model/account.ts';
import type { GroupsMode } from '../../../shared/model/account.ts';
import type { GoogleConfig } from '../../engine/providers/google/index.ts';
import { isProviderError } from '../../engine/providers/types.ts';
import type { Cli, Command } from '../cli-kit.ts';
import { EXIT, UsageError, accountNamed, parse, printJson, readSecret, required, secretFromEnv, table } from '../cli-kit.ts';

const usages = {
  carddav: 'concord account add carddav --name NAME --url URL --username USER --password-env VAR [--direction two-way|pull|push] [--groups categories|group-cards]',
  icloud: 'concord account add icloud --name NAME --username APPLE_ID --password-env VAR [--url URL] [--direction two-way|pull|push] [--groups categories|group-cards]',
  google: 'concord account add google --name NAME --client-id ID --client-secret-env VAR [--refresh-token-env VAR] [--direction two-way|pull|push]',
  folder: 'concord account add folder --name NAME --path DIR [--direction two-way|pull|push]',
};
const addUsage = `concord account add carddav|icloud|google|folder … (${Object.values(usages).join(' | ')})`;
const usage = 'concord account add|list|update|remove …';
const updateUsage = 'concord account update NAME [--direction two-way|pull|push] [--groups categories|group-cards]';

const common = {
  name: { type: 'string' },
  direction: { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function direction(value: string | undefined): (typeof syncDirections)[number] {
  if (value === undefined) return 'two-way';
  if (!(syncDirections as readonly string[]).includes(value)) throw new UsageError(`--direction must be two-way, pull or push, not '${value}'`);
  return value as (typeof syncDirections)[number];
}

/** --groups: where a CardDAV account keeps groups (undefined: the kind's default, or unchanged). */
function groupsMode(value: string | undefined): GroupsMode | undefined {
  if (value === undefined) return undefined;
  if (!(groupsModes as readonly string[]).includes(value)) throw new UsageError(`--groups must be categories or group-cards, not '${value}'`);
  return value as GroupsMode;
}

function region(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^[A-Za-z]{2}$/.test(value)) throw new UsageError(`--region must be a two-letter country code such as US or CN, not '${value}'`);
  return value.toUpperCase();
}

async function assertNameFree(cli: Cli, name: string): Promise<void> {
  const { client } = await cli.session();
  const taken = (await client.call('accounts.list')).some((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  if (taken) throw new ConcordError('ALREADY_EXISTS', `An account named “${name}” already exists.`);
}

/** The refresh token for a Google account: from the environment (checked now), or from signing in in a browser. */
async function googleGrant(cli: Cli, config: GoogleConfig, tokenVar: string | undefined): Promise<string> {
  const { stdout } = cli.io;
  // Loaded here only: the Google client libraries are a third of the CLI's start-up time.
  const { createAuthClient, signInWithBrowser, verifyGrant } = await import('../../engine/providers/google/index.ts');
  try {
    if (tokenVar !== undefined) {
      const refreshToken = secretFromEnv(cli.io, tokenVar, '--refresh-token-env');
      await verifyGrant(createAuthClient(config, refreshToken));
      return refreshToken;
    }
    const grant = await signInWithBrowser(config, {
      openUrl: (url) => {
        stdout.write(`Open this address in a browser on this computer to let Concord use your Google contacts:\n\n  ${url}\n\n`);
        stdout.write('Waiting for you to finish in the browser (up to 5 minutes; Ctrl-C cancels) …\n');
      },
    });
    return grant.refreshToken;
  } catch (error) {
    if (isProviderError(error)) throw new ConcordError(error.kind === 'auth' ? 'AUTH_REQUIRED' : 'PROVIDER_ERROR', `Google: ${error.message}`);
    throw error;
  }
}

async function add(args: string[], cli: Cli): Promise<number> {
  const [kind, ...rest] = args;
  const kinds = Object.keys(usages);
  if (kind === undefined || kind === '--help' || kind === '-h') {
    cli.io.stdout.write(`Usage: ${Object.values(usages).join('\n       ')}\n`);
    if (kind === undefined) throw new UsageError(`which kind of account? ${kinds.join(', ')} (usage: ${addUsage})`);
    return EXIT.ok;
  }
  if (!kinds.includes(kind)) throw new UsageError(`unknown account kind '${kind}': use ${kinds.join(', ')}`);
  const u = usages[kind as keyof typeof usages];
  const options = {
    ...common,
    url: { type: 'string' },
    username: { type: 'string' },
    'password-env': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret-env': { type: 'string' },
    'refresh-token-env': { type: 'string' },
    path: { type: 'string' },
    groups: { type: 'string' },
  } as const;
  const parsed = parse(rest, cli, options, u);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const allowed: Record<string, string[]> = {
    carddav: ['url', 'username', 'password-env', 'groups'],
    icloud: ['url', 'username', 'password-env', 'groups'],
    google: ['client-id', 'client-secret-env', 'refresh-token-env'],
    folder: ['path'],
  };
  for (const flag of ['url', 'username', 'password-env', 'client-id', 'client-secret-env', 'refresh-token-env', 'path', 'groups'] as const) {
    if (v[flag] !== undefined && !allowed[kind]!.includes(flag)) throw new UsageError(`--${flag} does not apply to ${kind} accounts (usage: ${u})`);
  }
  const name = required(v.name, '--name', u);
  const base = { name, direction: direction(v.direction), defaultRegion: region(v.region) };
  await assertNameFree(cli, name);
  let params;
  switch (kind) {
    case 'carddav':
    case 'icloud': {
      const url = kind === 'carddav' ? required(v.url, '--url', u) : (v.url ?? null);
      const username = required(v.username, '--username', u);
      const password = await readSecret(cli.io, kind === 'icloud' ? 'App-specific password' : 'Password', v['password-env'], '--password-env');
      const groups = groupsMode(v.groups);
      params = { ...base, kind, url, username, secret: password, ...(groups && { groupsMode: groups }) } as const;
      break;
    }
    case 'google': {
      const clientId = required(v['client-id'], '--client-id', u);
      const clientSecret = await readSecret(cli.io, 'Google OAuth client secret', v['client-secret-env'], '--client-secret-env');
      const { googleEndpointsFromEnv } = await import('../../engine/providers/google/index.ts');
      const config: GoogleConfig = { ...googleEndpointsFromEnv(cli.io.env), clientId, clientSecret };
      const refreshToken = await googleGrant(cli, config, v['refresh-token-env']);
      params = { ...base, kind, secret: JSON.stringify({ clientId, clientSecret, refreshToken }) } as const;
      break;
    }
    default:
      params = { ...base, kind: 'folder', path: resolve(required(v.path, '--path', u)) } as const;
  }
  const { client } = await cli.session();
  const account = await client.call('accounts.add', params);
  if (v.json) printJson(cli.io, account);
  else cli.io.stdout.write(`Added the ${account.kind} account “${account.name}”. Run concord sync to sync it.\n`);
  return EXIT.ok;
}

function where(a: Account): string {
  if (a.kind === 'folder' && a.settings.url?.startsWith('file:')) return fileURLToPath(a.settings.url);
  if (a.kind === 'google') return '';
  return [a.settings.username, a.settings.url].filter(Boolean).join(' at ');
}

async function list(args: string[], cli: Cli): Promise<number> {
  const parsed = parse(args, cli, { json: { type: 'boolean' } }, 'concord account list [--json]');
  if (!parsed) return EXIT.ok;
  const { client } = await cli.session();
  const accounts = await client.call('accounts.list');
  if (parsed.values.json) {
    printJson(cli.io, accounts);
    return EXIT.ok;
  }
  if (accounts.length === 0) {
    cli.io.stdout.write('No accounts yet. Add one with concord account add carddav|icloud|google|folder … (concord help).\n');
    return EXIT.ok;
  }
  const rows = [['NAME', 'KIND', 'DIRECTION', 'STATUS', 'LAST SYNC', 'WHERE']];
  for (const a of accounts) {
    rows.push([a.name, a.kind, a.settings.direction, a.enabled ? a.status : 'disabled', a.lastSyncedAt ?? 'never', where(a)]);
  }
  cli.io.stdout.write(`${table(rows)}\n`);
  return EXIT.ok;
}

async function update(args: string[], cli: Cli): Promise<number> {
  const options = { direction: { type: 'string' }, groups: { type: 'string' }, json: { type: 'boolean' } } as const;
  const parsed = parse(args, cli, options, updateUsage, { min: 1, max: 1 });
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const { client } = await cli.session();
  const account = await accountNamed(client, parsed.positionals[0]!);
  const groups = groupsMode(v.groups);
  if (groups !== undefined && account.kind !== 'carddav' && account.kind !== 'icloud') throw new UsageError(`--groups applies to CardDAV and iCloud accounts only, not to ${account.kind} (usage: ${updateUsage})`);
  if (groups === undefined && v.direction === undefined) throw new UsageError(`nothing to change (usage: ${updateUsage})`);
  const updated = await client.call('accounts.update', {
    id: account.id,
    ...(v.direction !== undefined && { direction: direction(v.direction) }),
    ...(groups !== undefined && { groupsMode: groups }),
  });
  if (v.json) printJson(cli.io, updated);
  else cli.io.stdout.write(`Updated the account “${updated.name}” (direction ${updated.settings.direction}, groups as ${updated.settings.groupsMode}).\n`);
  return EXIT.ok;
}

async function remove(args: string[], cli: Cli): Promise<number> {
  const u = 'concord account remove NAME';
  const parsed = parse(args, cli, { json: { type: 'boolean' } }, u, { min: 1, max: 1 });
  if (!parsed) return EXIT.ok;
  const { client } = await cli.session();
  const account = await accountNamed(client, parsed.positionals[0]!);
  await client.call('accounts.remove', { id: account.id });
  if (parsed.values.json) printJson(cli.io, { removed: true, id: account.id, name: account.name });
  else cli.io.stdout.write(`Removed the account “${account.name}”. Its contacts stay in Concord and in the account itself.\n`);
  return EXIT.ok;
}

export const accountCommand: Command = async (args, cli) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return add(rest, cli);
    case 'list':
      return list(rest, cli);
    case 'update':
      return update(rest, cli);
    case 'remove':
      return remove(rest, cli);
    default:
      throw new UsageError(sub === undefined ? `which action? (usage: ${usage})` : `unknown action 'account ${sub}' (usage: ${usage})`);
  }
};
