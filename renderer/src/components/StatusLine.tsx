// The sidebar footer: app version from `app.info`, and the connection state when it is anything
// but connected (the browser UI can lose its engine; Electron's bridge cannot).
import type { ReactNode } from 'react';
import { useAppInfo } from '../hooks/useAppInfo.ts';
import { useT } from '../i18n/index.ts';
import { useConnection } from '../state/api.tsx';

export function StatusLine(): ReactNode {
  const t = useT();
  const info = useAppInfo();
  const connection = useConnection();
  const text =
    connection === 'offline' ? t('status.offline') : connection === 'connecting' && !info ? t('status.connecting') : null;
  return (
    <footer className="status-line" data-testid="status-line">
      <span className={`connection connection-${connection}`} aria-hidden="true" />
      <span className="status-text" role="status">
        {text ?? (info ? t('status.version', { version: info.version }) : '')}
      </span>
    </footer>
  );
}
