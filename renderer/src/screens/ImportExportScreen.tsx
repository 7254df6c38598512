// Import / Export: bring contacts in from a vCard or CSV file (previewed, mapped, undoable) and
// write them out as vCard or CSV. Both go through the engine's transfer.* methods: the same
// linking as a sync for imports, the same writers as `concord export`.
import type { ReactNode } from 'react';
import { ExportPanel } from '../components/setup/ExportPanel.tsx';
import { ImportPanel } from '../components/setup/ImportPanel.tsx';
import { useT } from '../i18n/index.ts';

export function ImportExportScreen(): ReactNode {
  const t = useT();
  return (
    <div className="screen transfer-screen">
      <header className="screen-header">
        <h1>{t('setup.nav.transfer')}</h1>
      </header>
      <div className="screen-scroll">
        <div className="screen-column">
          <ImportPanel />
          <ExportPanel />
        </div>
      </div>
    </div>
  );
}
