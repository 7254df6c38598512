// transfer.*: import a vCard or CSV file (preview, then apply as one undoable run) and export the
// hub's contacts as vCard or CSV. The work is in transfer/; these handlers only adapt params.
import { exportToFile, runImport, runPreview } from '../transfer/index.ts';
import type { DomainHandlers } from './handlers.ts';

export const transferHandlers: DomainHandlers<'transfer.previewImport' | 'transfer.applyImport' | 'transfer.export'> = {
  'transfer.previewImport': (p, ctx) => runPreview(ctx, p),
  'transfer.applyImport': (p, ctx) => runImport(ctx, p),
  'transfer.export': (p, ctx) =>
    exportToFile(ctx, { format: p.format, layout: p.layout, vcardVersion: p.vcardVersion, account: p.account ?? null, out: p.out ?? null }),
};
