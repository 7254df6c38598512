// The CSV column table of the import preview: each column, how many rows fill it, and a picker of
// the field it goes to (or "ignore"). Columns Concord did not recognise come first and are marked,
// since they are the ones that need a person; an unknown column can also be kept as an "other
// field" under its own heading rather than dropped.
import type { ReactNode } from 'react';
import type { ImportColumnView } from '../../../../shared/api/contract.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { choiceOf, customFieldPath, describePath, fieldPaths, isKnownPath } from './import-model.ts';
import type { ColumnChoice } from './import-model.ts';

const IGNORE = '';

/** List fields as the contact card titles them ("Email", "Address"). */
const fieldTitles: Record<string, MessageKey> = {
  emails: 'details.emails',
  phones: 'details.phones',
  addresses: 'details.addresses',
  organizations: 'details.organizations',
  urls: 'details.urls',
  ims: 'details.ims',
  relations: 'details.relations',
  dates: 'details.dates',
  customFields: 'details.customFields',
  nicknames: 'details.nicknames',
  groups: 'details.groups',
  birthday: 'details.birthday',
  note: 'details.note',
};

export function ColumnMappingTable(props: {
  columns: readonly ImportColumnView[];
  choices: Readonly<Record<string, ColumnChoice>>;
  onChoose(column: string, choice: ColumnChoice): void;
}): ReactNode {
  const t = useT();
  const ordered = [...props.columns].sort((a, b) => Number(a.field !== null) - Number(b.field !== null));
  const label = (path: string, column: string) => {
    if (isKnownPath(path)) return t(`setup.field.${path}`);
    if (path === customFieldPath(column)) return t('setup.field.custom', { column });
    // A path Concord detected itself (Google's "E-mail 2 - Value" → emails[2]): named by its field.
    const d = describePath(path);
    const title = Object.hasOwn(fieldTitles, d.field) ? t(fieldTitles[d.field]!) : d.field;
    return [title, d.key && t.label(d.key), d.part].filter(Boolean).join(' · ');
  };
  return (
    <div className="table-scroll">
      <table className="mapping-table" data-testid="column-mapping">
        <caption className="visually-hidden">{t('setup.import.columns')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('setup.import.column')}</th>
            <th scope="col" className="num">
              {t('setup.import.filled')}
            </th>
            <th scope="col">{t('setup.import.field')}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((c) => {
            const choice = choiceOf(c, props.choices);
            const paths: string[] = [...fieldPaths, customFieldPath(c.column)];
            // A detected path outside the picker's list (a Google "E-mail 2 - Value") stays selectable.
            if (c.field !== null && !paths.includes(c.field)) paths.unshift(c.field);
            if (choice !== null && !paths.includes(choice)) paths.unshift(choice);
            return (
              <tr key={c.column} className={c.field === null ? 'unknown-column' : undefined}>
                <th scope="row">
                  {c.column}
                  {c.field === null && <span className="badge badge-warn">{t('setup.import.unknown')}</span>}
                </th>
                <td className="num">{t.number(c.filled)}</td>
                <td>
                  <select
                    aria-label={t('setup.import.mapColumn', { column: c.column })}
                    value={choice ?? IGNORE}
                    onChange={(e) => props.onChoose(c.column, e.target.value === IGNORE ? null : e.target.value)}
                  >
                    <option value={IGNORE}>{t('setup.import.ignore')}</option>
                    {paths.map((p) => (
                      <option key={p} value={p}>
                        {label(p, c.column)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
