// `concord history [--contact ID] [--json] [--limit N]` and `concord undo RUN_ID [--json]`: past
// runs newest first (or one contact's changes, field by field), and undoing a run: its changes to
// contacts are reversed as a new run, then a sync carries the restored state to every account.
import type { RunView } from '../../../shared/api/contract.ts';
import type { Command } from '../cli-kit.ts';
import { EXIT, parse, positiveInt, printJson, table } from '../cli-kit.ts';
import { formatValue } from '../format.ts';
import { withSyncLock } from '../lock.ts';
import { describeSummary, outcome, SYNC_LOCK_WAIT_MS } from './sync.ts';

const historyUsage = 'concord history [--contact ID] [--json] [--limit N]';
const undoUsage = 'concord undo RUN_ID [--json]';

const count = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** A run as `history --json` prints it: the counts at the top level, zero when the run had none. */
function runJson(r: RunView) {
  const s = r.summary as Record<string, unknown>;
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    dryRun: r.dryRun,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    created: count(s.created),
    updated: count(s.updated),
    deleted: count(s.deleted),
    conflicts: count(s.conflicts),
    errors: count(s.errors),
    paused: s.paused === true,
    ...(typeof s.undid === 'number' && { undid: s.undid, reversed: count(s.reversed) }),
  };
}

export const historyCommand: Command = async (args, cli) => {
  const parsed = parse(args, cli, { contact: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } }, historyUsage);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const { client } = await cli.session();
  if (v.contact !== undefined) {
    const changes = await client.call('contacts.history', { id: v.contact });
    if (v.json) printJson(cli.io, changes);
    else if (changes.length === 0) cli.io.stdout.write('No changes recorded for this contact.\n');
    else {
      const rows = [['WHEN', 'RUN', 'WHAT', 'FIELD', 'BEFORE', 'AFTER']];
      for (const c of changes) {
        const whole = c.field === '*';
        rows.push([c.at, c.runId === null ? '' : String(c.runId), c.action, whole ? '' : c.field, whole ? '' : formatValue(c.before), whole ? '' : formatValue(c.after)]);
      }
      cli.io.stdout.write(`${table(rows)}\n`);
    }
    return EXIT.ok;
  }
  const runs = (await client.call('history.runs', { limit: v.limit === undefined ? 50 : Math.min(500, positiveInt(v.limit, '--limit')) })).map(runJson);
  if (v.json) printJson(cli.io, runs);
  else if (runs.length === 0) cli.io.stdout.write('No runs yet (concord sync).\n');
  else {
    const rows = [['RUN', 'STARTED', 'TRIGGER', 'STATUS', 'CREATED', 'UPDATED', 'DELETED', 'CONFLICTS', 'ERRORS']];
    for (const r of runs) {
      const status = r.undid === undefined ? r.status : `undid run ${r.undid}`;
      rows.push([String(r.id), r.startedAt, r.trigger, status, String(r.created), String(r.updated), String(r.deleted), String(r.conflicts), String(r.errors)]);
    }
    cli.io.stdout.write(`${table(rows)}\nUndo a run with: ${undoUsage}\n`);
  }
  return EXIT.ok;
};

export const undoCommand: Command = async (args, cli) => {
  const parsed = parse(args, cli, { json: { type: 'boolean' } }, undoUsage, { min: 1, max: 1 });
  if (!parsed) return EXIT.ok;
  const run = positiveInt(parsed.positionals[0]!, 'RUN_ID');
  const { client } = await cli.session();
  const result = await withSyncLock(cli.dataDir, `concord undo ${run}`, SYNC_LOCK_WAIT_MS, () => client.call('history.undo', { run }));
  if (parsed.values.json) printJson(cli.io, result);
  else cli.io.stdout.write(`Undid run ${run}: reversed ${result.reversed} change${result.reversed === 1 ? '' : 's'} as run ${result.undoRun}, then synced.\n${describeSummary(result)}\n`);
  const { code, line } = outcome(result);
  if (line) cli.io.stderr.write(`concord: ${line}\n`);
  return code;
};
