// sync.*, conflicts.* and history.*: run a sync, see and decide conflicts, list past runs.
// Resolving a conflict changes the hub (journaled) and moves the pair's base so the decision
// reaches the account on the next sync (plan-pull.ts explains the base under open conflicts).
import { ConcordError } from '../../../shared/api/errors.ts';
import { getAccount } from '../db/repos/accounts.ts';
import { openConflicts, resolveConflict } from '../db/repos/conflicts.ts';
import { getContact } from '../db/repos/contacts.ts';
import { getLink, putLink } from '../db/repos/links.ts';
import { recordOfContactIn } from '../db/repos/records.ts';
import { listRuns } from '../db/repos/runs.ts';
import { inTransaction } from '../db/handle.ts';
import { changeContact, hubHash } from '../hub/contacts.ts';
import { takePath } from '../model/merge/index.ts';
import { journalOfContact } from '../db/repos/journal.ts';
import { reverseRun } from '../sync/undo.ts';
import { refreshAfterRun } from '../match/finder.ts';
import { autoMergeHighTier } from './duplicates.ts';
import type { DomainHandlers } from './handlers.ts';
import { iso } from './wire-time.ts';
import { runView } from './status.ts';


export const syncHandlers: DomainHandlers<'sync.run' | 'conflicts.list' | 'conflicts.resolve' | 'history.runs' | 'history.undo' | 'contacts.history'> = {
  'sync.run': async (p, ctx) => {
    const summary = await ctx.sync.run({ dryRun: p.dryRun, approve: p.approve, trigger: 'manual', ...(p.accountIds && { accountIds: p.accountIds }) });
    // Opt-in (settings.autoMergeHighConfidence): the high tier, freshly re-scored by the run, merged as one undoable run; the next sync pushes it.
    if (!p.dryRun) autoMergeHighTier(ctx);
    return summary;
  },

  'conflicts.list': (p, ctx) =>
    openConflicts(ctx.db, p.contactId ? { contactId: p.contactId } : {}).map((c) => ({
      id: c.id,
      contactId: c.contactId,
      contactName: getContact(ctx.db, c.contactId)?.displayName ?? '',
      accountId: c.accountId,
      accountName: getAccount(ctx.db, c.accountId)?.name ?? '',
      field: c.field,
      base: c.base,
      hubValue: c.hubValue,
      accountValue: c.remoteValue,
      detectedAt: iso(c.detectedAt),
    })),

  'conflicts.resolve': (p, ctx) => {
    const conflict = openConflicts(ctx.db).find((c) => c.id === p.id);
    if (!conflict) throw new ConcordError('NOT_FOUND', 'That conflict does not exist or was already resolved.');
    const account = getAccount(ctx.db, conflict.accountId);
    const contact = getContact(ctx.db, conflict.contactId);
    if (!account || !contact) throw new ConcordError('NOT_FOUND', 'The contact or account of this conflict is gone.');
    const options = { defaultRegion: account.settings.defaultRegion };
    const now = ctx.ports.clock.now();
    inTransaction(ctx.db, () => {
      // The account's current version of the contact, and the pair's base.
      const record = recordOfContactIn(ctx.db, conflict.contactId, conflict.accountId);
      const link = record && getLink(ctx.db, record.id);
      if (record && link) {
        if (p.keep === 'account') changeContact({ db: ctx.db, now, runId: null }, contact.id, takePath(contact.fields, record.fields, conflict.field, options));
        // The base takes the account's value, so keeping the hub's reads as a one-sided change and is pushed.
        const base = takePath(link.base, record.fields, conflict.field, options);
        putLink(ctx.db, { ...link, base, baseHash: hubHash(base) });
      }
      resolveConflict(ctx.db, conflict.id, p.keep === 'hub' ? 'hub' : 'remote', now);
    });
    ctx.emit('conflicts.changed', { open: openConflicts(ctx.db).length });
    ctx.emit('contacts.changed', { ids: [conflict.contactId] });
    return { resolved: true };
  },

  'history.undo': async (p, ctx) => {
    const { undoRun, reversed } = reverseRun(ctx, p.run);
    refreshAfterRun(ctx.db, undoRun, ctx.ports.clock.now());
    ctx.emit('contacts.changed', { ids: null });
    const summary = await ctx.sync.run({ trigger: 'undo' });
    return { ...summary, undoRun, reversed };
  },

  'contacts.history': (p, ctx) => {
    if (!getContact(ctx.db, p.id)) throw new ConcordError('NOT_FOUND', 'There is no such contact.');
    return journalOfContact(ctx.db, p.id)
      .reverse()
      .flatMap((e) => {
        const base = { at: iso(e.at), runId: e.runId, action: e.action };
        if (e.action !== 'contact.update' && e.action !== 'remote.update') return [{ ...base, field: '*', before: e.before, after: e.after }];
        const before = (e.before ?? {}) as Record<string, unknown>;
        const after = (e.after ?? {}) as Record<string, unknown>;
        return Object.keys({ ...before, ...after })
          .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
          .map((field) => ({ ...base, field, before: before[field] ?? null, after: after[field] ?? null }));
      });
  },

  'history.runs': (p, ctx) => listRuns(ctx.db, p.limit).map(runView),
};
