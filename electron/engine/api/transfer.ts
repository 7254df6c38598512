// transfer.*: import a vCard or CSV file (preview, then apply as one undoable run) and export the
// hub's contacts as vCard or CSV. The work is in transfer/; these handlers only adapt params.
import { exportToFile, runImport, runPreview } from '../transfer/index.ts';
import type { DomainHandlers } from './handlers.ts';
import { refreshAfterRun } from '../match/finder.ts';

export const transferHandlers: DomainHandlers<'transfer.previewImport' | 'transfer.applyImport' | 'transfer.export'> = {
  'transfer.previewImport': (p, ctx) => runPreview(ctx, p),
  'transfer.applyImport': (p, ctx) => {
    const result = runImport(ctx, p);
    // New contacts from a file get their duplicate suggestions like a sync's (match/finder.ts).
    if (result.run !== null) refreshAfterRun(ctx.db, result.run, ctx.ports.clock.now());
    return result;
  },
  'transfer.export': (p, ctx) =>
    exportToFile(ctx, { format: p.format, layout: p.layout, vcardVersion: p.vcardVersion, account: p.account ?? null, out: p.out ?? null }),
};
