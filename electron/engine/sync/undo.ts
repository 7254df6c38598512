// Undo of a run (DESIGN.md §3 journal): the run's changes to hub contacts are reversed, newest
// first, as a new run of their own (journaled too, so an undo can itself be undone), and a sync
// then carries the restored state out to every account.
// Invariant: undo only writes through the hub's journaled functions; nothing is deleted for good
// (an undone creation goes to the trash).
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { EngineContext } from '../api/context.ts';
import { inTransaction } from '../db/handle.ts';
import { journalOfRun, lastEntryOfRun, markUndone } from '../db/repos/journal.ts';
import { finishRun, getRun, startRun } from '../db/repos/runs.ts';
import { changeContact, restoreFromTrash, trashContact } from '../hub/contacts.ts';

/** Reverses the hub changes of `runId`; returns the id of the undo run and how many changes it reversed. */
export function reverseRun(ctx: EngineContext, runId: number): { undoRun: number; reversed: number } {
  const run = getRun(ctx.db, runId);
  if (!run) throw new ConcordError('NOT_FOUND', `There is no run ${runId}.`);
  const entries = journalOfRun(ctx.db, runId).filter((e) => e.contactId !== null && e.undoneBy === null && e.action.startsWith('contact.'));
  if (entries.length === 0) throw new ConcordError('NOT_FOUND', `Run ${runId} changed no contacts, or was already undone.`);
  const now = ctx.ports.clock.now();
  return inTransaction(ctx.db, () => {
    const undoRun = startRun(ctx.db, 'undo', now);
    const w = { db: ctx.db, now, runId: undoRun };
    let reversed = 0;
    for (const e of [...entries].reverse()) {
      const id = e.contactId!;
      const done =
        e.action === 'contact.create' || e.action === 'contact.restore'
          ? trashContact(w, id, 'user')
          : e.action === 'contact.update'
            ? changeContact(w, id, e.before as ContactFields)
            : e.action === 'contact.trash'
              ? restoreFromTrash(w, id)
              : false;
      if (done) reversed += 1;
      markUndone(ctx.db, e.id, lastEntryOfRun(ctx.db, undoRun));
    }
    finishRun(ctx.db, undoRun, 'ok', now, { undid: runId, reversed });
    return { undoRun, reversed };
  });
}
