// Import: pick a vCard or CSV file, see what importing it would do (transfer.previewImport: the
// detected encoding, delimiter and layout, the column mapping, counts of new / matched / suggested
// / skipped records and the lines that could not be read), map unknown columns, then Import. The
// import is one run; Undo (history.undo) takes it back. Nothing is written before Import.
// The file's bytes go to the engine as base64 so the engine detects the encoding itself, exactly as
// for the CLI's path (the contract's importParams take path, text or base64 plus fileName).
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ImportPreview, ImportResult } from '../../../../shared/api/contract.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useClient } from '../../state/api.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { ColumnMappingTable } from './ColumnMappingTable.tsx';
import { mappingFor, toBase64, unknownColumns } from './import-model.ts';
import type { ColumnChoice } from './import-model.ts';

interface Picked {
  fileName: string;
  base64: string;
}

type Done = { result: ImportResult; undone: boolean };

export function ImportPanel(): ReactNode {
  const t = useT();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<Picked | null>(null);
  const [choices, setChoices] = useState<Record<string, ColumnChoice>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const detected = useRef<ImportPreview['columns']>([]);
  const mapping = mappingFor(detected.current, choices);
  const mappingKey = JSON.stringify(mapping ?? null);

  useEffect(() => {
    if (!file) return;
    let live = true;
    setBusy(true);
    setError(null);
    client
      .call('transfer.previewImport', { base64: file.base64, fileName: file.fileName, ...(mapping && { mapping }), limit: 50 })
      .then(
        (p) => {
          if (!live) return;
          // The first preview's columns are "what was detected"; later ones include the user's choices.
          if (!mapping) detected.current = p.columns;
          setPreview(p);
        },
        (cause: unknown) => live && setError(cause),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
    // mappingKey stands for mapping, a new object each render.
  }, [client, file, mappingKey]);

  async function pick(files: FileList | null): Promise<void> {
    const chosen = files?.[0];
    if (!chosen) return;
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    detected.current = [];
    setChoices({});
    setPreview(null);
    setDone(null);
    setFile({ fileName: chosen.name, base64: toBase64(bytes) });
  }

  async function apply(): Promise<void> {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await client.call('transfer.applyImport', { base64: file.base64, fileName: file.fileName, ...(mapping && { mapping }) });
      setDone({ result, undone: false });
      setPreview(null);
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  async function undo(): Promise<void> {
    if (!done?.result.run) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('history.undo', { run: done.result.run });
      setDone({ ...done, undone: true });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const unknown = preview ? unknownColumns(preview.columns.filter((c) => !Object.hasOwn(choices, c.column))) : [];
  const delimiterNames: Record<string, MessageKey> = { '\t': 'setup.import.tab', ',': 'setup.import.comma', ';': 'setup.import.semicolon', '|': 'setup.import.bar' };
  const delimiterName = (d: string) => (Object.hasOwn(delimiterNames, d) ? `${t(delimiterNames[d]!)} ( ${d === '\t' ? '⇥' : d} )` : d);

  return (
    <section className="card transfer-card" aria-labelledby="import-title">
      <h2 id="import-title">{t('setup.import.title')}</h2>
      <p className="form-help">{t('setup.import.intro')}</p>
      <div className="field">
        <label htmlFor="import-file">{t('setup.import.file')}</label>
        <input id="import-file" ref={input} type="file" accept=".vcf,.vcard,.csv,text/vcard,text/csv" onChange={(e) => void pick(e.target.files)} />
      </div>
      {busy && !preview && <p aria-busy="true">{t('common.loading')}</p>}
      {error !== null && <ErrorNotice error={error} />}
      {preview && file && (
        <div className="import-preview" data-testid="import-preview">
          <dl className="facts">
            <dt>{t('setup.import.format')}</dt>
            <dd>{t(`setup.import.dialect.${preview.dialect}`)}</dd>
            <dt>{t('setup.import.encoding')}</dt>
            <dd>
              {preview.encoding} ({t(`setup.import.encodingSource.${preview.encodingSource}`)})
            </dd>
            {preview.delimiter !== null && (
              <>
                <dt>{t('setup.import.delimiter')}</dt>
                <dd>{delimiterName(preview.delimiter)}</dd>
              </>
            )}
          </dl>
          {preview.format === 'csv' && preview.columns.length > 0 && (
            <>
              <h3>{t('setup.import.columns')}</h3>
              {unknown.length > 0 && <p className="form-help">{t('setup.import.unknownHint', { count: unknown.length })}</p>}
              <ColumnMappingTable columns={detected.current.length > 0 ? detected.current : preview.columns} choices={choices} onChoose={(column, choice) => setChoices((c) => ({ ...c, [column]: choice }))} />
            </>
          )}
          <h3>{t('setup.import.result')}</h3>
          <ul className="counts" data-testid="import-counts">
            <li>{t('setup.import.count.new', { count: preview.counts.new })}</li>
            <li>{t('setup.import.count.matched', { count: preview.counts.matched })}</li>
            <li>{t('setup.import.count.suggested', { count: preview.counts.suggested })}</li>
            <li>{t('setup.import.count.skipped', { count: preview.counts.skipped })}</li>
          </ul>
          {preview.matches.length > 0 && (
            <details>
              <summary>{t('setup.import.matches')}</summary>
              <ul className="plain-list">
                {preview.matches.map((m) => (
                  <li key={m.line}>{t('setup.import.matchLine', { line: m.line, name: m.displayName, contact: m.contactName })}</li>
                ))}
              </ul>
            </details>
          )}
          {[...preview.skipped, ...preview.warnings].length > 0 && (
            <details open>
              <summary>{t('setup.import.problems')}</summary>
              <ul className="plain-list problem-lines">
                {[...preview.skipped, ...preview.warnings].map((l, i) => (
                  <li key={i}>{t('setup.import.line', { line: l.line, message: l.message })}</li>
                ))}
              </ul>
            </details>
          )}
          {preview.notes.map((n, i) => (
            <p key={i} className="form-help">
              {n}
            </p>
          ))}
          <div className="form-buttons">
            <button type="button" className="button button-primary" disabled={busy || preview.counts.records === preview.counts.skipped} onClick={() => void apply()}>
              {t('setup.import.apply', { count: preview.counts.records - preview.counts.skipped })}
            </button>
          </div>
        </div>
      )}
      {done && (
        <div className="import-done" role="status" data-testid="import-done">
          <p>
            {done.undone
              ? t('setup.import.undone')
              : t('setup.import.done', { imported: done.result.imported, linked: done.result.linked, suggested: done.result.suggested, skipped: done.result.skipped })}
          </p>
          {!done.undone && done.result.run !== null && (
            <button type="button" className="button" disabled={busy} onClick={() => void undo()}>
              {t('setup.import.undo')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
