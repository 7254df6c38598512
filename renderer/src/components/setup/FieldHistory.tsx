// The "History" section of a contact: each change of a field, newest first, with what it was
// before and a Restore button that sets the old value back (contacts.restoreField, journaled, and
// carried to the accounts by the next sync).
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { FieldChange } from '../../../../shared/api/contract.ts';
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useClient } from '../../state/api.tsx';
import { DetailSection } from '../DetailSection.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { historyLines } from './history-model.ts';

const SHOWN = 20;

/** Whole-contact entries of the journal (electron/engine/db/repos/journal.ts actions). */
const actionKeys: Record<string, MessageKey> = {
  'contact.create': 'setup.history.created',
  'contact.trash': 'setup.history.trashed',
  'contact.restore': 'setup.history.restored',
  'remote.create': 'setup.history.remoteCreated',
  'remote.delete': 'setup.history.remoteDeleted',
  link: 'setup.history.linked',
  merge: 'setup.history.merged',
};

/** The section titles of the contact card name the fields in history too. */
const fieldKeys: Partial<Record<keyof ContactFields, MessageKey>> = {
  name: 'setup.historyField.name',
  formattedName: 'setup.field.formattedName',
  nicknames: 'details.nicknames',
  emails: 'details.emails',
  phones: 'details.phones',
  addresses: 'details.addresses',
  organizations: 'details.organizations',
  birthday: 'details.birthday',
  dates: 'details.dates',
  urls: 'details.urls',
  ims: 'details.ims',
  relations: 'details.relations',
  groups: 'details.groups',
  customFields: 'details.customFields',
  note: 'details.note',
  photo: 'setup.historyField.photo',
};

export function FieldHistory(props: { id: string; fields: ContactFields; version: string }): ReactNode {
  const t = useT();
  const client = useClient();
  const [changes, setChanges] = useState<FieldChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client.call('contacts.history', { id: props.id }).then(
      (list) => live && setChanges(list),
      (cause: unknown) => live && setError(cause),
    );
    return () => {
      live = false;
    };
  }, [client, props.id, props.version]);

  async function restore(field: string, value: unknown): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      // The value goes back exactly as the journal holds it (JSON from contacts.history).
      await client.call('contacts.restoreField', { id: props.id, field, value: value as never });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  if (changes === null || changes.length === 0) return error !== null ? <ErrorNotice error={error} /> : null;
  const lines = historyLines(changes, props.fields).slice(0, SHOWN);
  const fieldName = (field: string) => {
    const key = Object.hasOwn(fieldKeys, field) ? fieldKeys[field as keyof ContactFields] : undefined;
    return key ? t(key) : field;
  };
  return (
    <DetailSection title={t('setup.history.title')}>
      {error !== null && <ErrorNotice error={error} />}
      <ol className="field-history" data-testid="field-history">
        {lines.map((l) => (
          <li key={l.key}>
            <div className="history-head">
              <span className="history-field">{l.field === '*' ? t(actionKeys[l.action] ?? 'setup.history.other') : fieldName(l.field)}</span>
              <time dateTime={l.at}>{t.relative(l.at)}</time>
            </div>
            {l.field !== '*' && (
              <p className="history-values">
                <span className="history-before">{l.before}</span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">{t('setup.history.to')}</span>
                <span className="history-after">{l.after}</span>
              </p>
            )}
            {l.restore && (
              <button type="button" className="button button-quiet" disabled={busy} onClick={() => void restore(l.restore!.field, l.restore!.value)}>
                {l.before === '—' ? t('setup.history.restoreEmpty') : t('setup.history.restore', { value: l.before })}
              </button>
            )}
          </li>
        ))}
      </ol>
    </DetailSection>
  );
}
