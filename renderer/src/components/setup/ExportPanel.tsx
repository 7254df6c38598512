// Export: the hub's contacts (or one account's) as vCard 3.0 / 4.0 or as CSV in Google's or
// Outlook's layout. transfer.export without `out` returns the text, which becomes a download here
// (in the browser and in the desktop window alike); values the layout cannot carry are listed.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ExportResult } from '../../../../shared/api/contract.ts';
import type { Account } from '../../../../shared/model/account.ts';
import { useT } from '../../i18n/index.ts';
import { useClient } from '../../state/api.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { SelectField } from '../SelectField.tsx';
import { exportFileName } from './import-model.ts';

type Format = 'vcf' | 'csv';
type Layout = 'google' | 'outlook';
type Version = '3.0' | '4.0';

function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportPanel(): ReactNode {
  const t = useT();
  const client = useClient();
  const [format, setFormat] = useState<Format>('vcf');
  const [version, setVersion] = useState<Version>('3.0');
  const [layout, setLayout] = useState<Layout>('google');
  const [account, setAccount] = useState('');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    client.call('accounts.list', {}).then(
      (list) => live && setAccounts(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  async function run(): Promise<void> {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await client.call('transfer.export', { format, vcardVersion: version, layout, ...(account && { account }) });
      setResult(r);
      if (r.text !== null) download(r.text, exportFileName(format, new Date()), format === 'vcf' ? 'text/vcard;charset=utf-8' : 'text/csv;charset=utf-8');
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card transfer-card" aria-labelledby="export-title">
      <h2 id="export-title">{t('setup.export.title')}</h2>
      <SelectField<Format>
        label={t('setup.export.format')}
        name="format"
        value={format}
        options={[
          { value: 'vcf', label: t('setup.export.vcf') },
          { value: 'csv', label: t('setup.export.csv') },
        ]}
        onChange={setFormat}
      />
      {format === 'vcf' ? (
        <SelectField<Version>
          label={t('setup.export.version')}
          name="vcardVersion"
          value={version}
          hint={t('setup.export.version.hint')}
          options={[
            { value: '3.0', label: 'vCard 3.0' },
            { value: '4.0', label: 'vCard 4.0' },
          ]}
          onChange={setVersion}
        />
      ) : (
        <SelectField<Layout>
          label={t('setup.export.layout')}
          name="layout"
          value={layout}
          options={[
            { value: 'google', label: t('setup.export.layout.google') },
            { value: 'outlook', label: t('setup.export.layout.outlook') },
          ]}
          onChange={setLayout}
        />
      )}
      <SelectField
        label={t('setup.export.account')}
        name="account"
        value={account}
        options={[{ value: '', label: t('setup.export.allContacts') }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
        onChange={setAccount}
      />
      {error !== null && <ErrorNotice error={error} />}
      <div className="form-buttons">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void run()}>
          {t('setup.export.action')}
        </button>
      </div>
      {result && (
        <div role="status" data-testid="export-done">
          <p>{t('setup.export.done', { count: result.contacts })}</p>
          {result.warnings.length > 0 && (
            <details>
              <summary>{t('setup.export.warnings', { count: result.warnings.length })}</summary>
              <ul className="plain-list">
                {result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
