// One merge suggestion, decided: the cards side by side, the score and the reasons for and
// against, a preview of the merged contact with a choice wherever the cards disagree, and
// Merge / Not the same person / Later. The merge sends survivorId and the choices the preview used,
// so what is merged is what was shown.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ContactDetail, DuplicateClusterView } from '../../../shared/api/contract.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { en } from '../i18n/en.ts';
import type { MessageKey, Translator } from '../i18n/index.ts';
import { useT } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { formatValue } from './conflicts-model.ts';
import { valueFormat } from './ConflictCard.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { combinedByDefault, defaultSurvivor, differingFields, mergeChoices, mergePreview, reasonsOf, scorePercent, sourceOf } from './suggestions-model.ts';
import type { ChoiceField, Choices } from './suggestions-model.ts';

export type SuggestionDecision = { merge: { survivorId: string; choices: Choices } } | { dismiss: true } | { later: true };

/**
 * Translates an evidence code when the catalogue has `review.reason.<code>` and the evidence carries
 * every variable the message uses; null sends the engine's English sentence instead. A phone's
 * line ('mobile', 'home', …) is itself translated.
 */
export function reasonTranslator(t: Translator) {
  return (code: string, vars: Record<string, string | number>): string | null => {
    const key = `review.reason.${code}`;
    if (!Object.hasOwn(en, key)) return null;
    const needed = [...en[key as MessageKey].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (!needed.every((name) => Object.hasOwn(vars, name))) return null;
    const lineKey = `review.line.${String(vars.line)}`;
    const line = vars.line !== undefined && Object.hasOwn(en, lineKey) ? t(lineKey as MessageKey) : vars.line;
    return t(key as MessageKey, line === undefined ? vars : { ...vars, line });
  };
}

/** The rows a card and the preview show, in this order. */
const rows: { key: MessageKey; get(f: ContactFields): unknown }[] = [
  { key: 'review.field.name', get: (f) => f.formattedName || [f.name.given, f.name.family].filter(Boolean).join(' ') },
  { key: 'review.field.emails', get: (f) => f.emails },
  { key: 'review.field.phones', get: (f) => f.phones },
  { key: 'review.field.organizations', get: (f) => f.organizations },
  { key: 'review.field.birthday', get: (f) => f.birthday },
  { key: 'review.field.addresses', get: (f) => f.addresses },
  { key: 'review.field.nicknames', get: (f) => f.nicknames },
  { key: 'review.field.note', get: (f) => f.note },
];

function FieldRows(props: { fields: ContactFields }): ReactNode {
  const t = useT();
  const f = valueFormat(t);
  return (
    <dl className="field-rows">
      {rows.map((r) => {
        const value = r.get(props.fields);
        if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
        return (
          <div key={r.key} className="field-row">
            <dt>{t(r.key)}</dt>
            <dd className="selectable">{formatValue(value, f)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function useMembers(cluster: DuplicateClusterView): { members: ContactDetail[] | null; error: unknown } {
  const client = useClient();
  const [state, setState] = useState<{ id: string; members: ContactDetail[] | null; error: unknown }>({ id: cluster.id, members: null, error: null });
  useEffect(() => {
    let live = true;
    Promise.all(cluster.contactIds.map((id) => client.call('contacts.show', { id }))).then(
      (members) => live && setState({ id: cluster.id, members, error: null }),
      (error: unknown) => live && setState({ id: cluster.id, members: null, error }),
    );
    return () => {
      live = false;
    };
  }, [client, cluster.id, cluster.contactIds]);
  return state.id === cluster.id ? state : { members: null, error: null };
}

export function SuggestionDetail(props: { cluster: DuplicateClusterView; busy: boolean; onDecide(d: SuggestionDecision): void }): ReactNode {
  const t = useT();
  const { cluster } = props;
  const { members, error } = useMembers(cluster);
  const [choices, setChoices] = useState<Choices>({});
  useEffect(() => setChoices({}), [cluster.id]);
  const reasons = reasonsOf(cluster, reasonTranslator(t));
  const headingId = `suggestion-${cluster.id}-title`;

  if (error !== null) return <ErrorNotice error={error} />;
  if (!members) return <div className="list-loading" aria-busy="true" />;
  const survivorId = defaultSurvivor(members);
  const preview = mergePreview(members, survivorId, choices);
  const differing = differingFields(members);
  const names = members.map((m) => m.displayName || t('contacts.unnamed'));

  return (
    <section className="suggestion-detail" aria-labelledby={headingId} data-testid="suggestion-detail">
      <header className="suggestion-head">
        <h2 id={headingId}>{names.join(' · ')}</h2>
        <p className="suggestion-score">
          <span className={`tier tier-${cluster.tier}`}>{t(`review.tier.${cluster.tier}`)}</span>
          <span>{t('review.suggestion.score', { score: scorePercent(cluster.score) })}</span>
        </p>
      </header>
      <ul className="reasons" aria-label={t('review.suggestion.reasons')}>
        {reasons.map((r, i) => (
          <li key={i} className={r.against ? 'reason reason-against' : 'reason'}>
            <span className="reason-mark" aria-hidden="true">
              {r.against ? '≠' : '='}
            </span>
            <span className="visually-hidden">{r.against ? t('review.suggestion.against') : t('review.suggestion.for')}</span>
            {r.text}
          </li>
        ))}
      </ul>
      <div className="side-by-side">
        {members.map((m, i) => (
          <div key={m.id} className="member-card">
            <h3>{names[i]}</h3>
            <p className="member-accounts">
              {m.records.length > 0 ? t('review.suggestion.in', { accounts: [...new Set(m.records.map((r) => r.accountName))].join(t('review.listSeparator')) }) : t('review.suggestion.onlyHere')}
            </p>
            <FieldRows fields={m.fields} />
          </div>
        ))}
      </div>
      <div className="merge-preview">
        <h3>{t('review.suggestion.preview')}</h3>
        {differing.map((field) => (
          <FieldChoice key={field} field={field} members={members} names={names} survivorId={survivorId} choices={choices} onChoose={(id) => setChoices((c) => ({ ...c, [field]: id }))} />
        ))}
        <FieldRows fields={preview} />
      </div>
      <div className="suggestion-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={props.busy}
          onClick={() => props.onDecide({ merge: { survivorId, choices: mergeChoices(survivorId, choices) } })}
        >
          {t('review.suggestion.merge')}
        </button>
        <button type="button" className="button" disabled={props.busy} onClick={() => props.onDecide({ dismiss: true })}>
          {t('review.suggestion.notSame')}
        </button>
        <button type="button" className="button button-quiet" disabled={props.busy} onClick={() => props.onDecide({ later: true })}>
          {t('review.suggestion.later')}
        </button>
      </div>
    </section>
  );
}

function FieldChoice(props: {
  field: ChoiceField;
  members: ContactDetail[];
  names: string[];
  survivorId: string;
  choices: Choices;
  onChoose(id: string | undefined): void;
}): ReactNode {
  const t = useT();
  const f = valueFormat(t);
  const { field, members } = props;
  const current = sourceOf(members, props.survivorId, props.choices, field)?.id ?? null;
  const label = t(`review.field.${field}`);
  const value = (m: ContactDetail) =>
    field === 'name' ? m.displayName : field === 'photo' ? (m.fields.photo ? t('review.suggestion.hasPhoto') : '') : formatValue(m.fields[field], f);
  return (
    <fieldset className="field-choice">
      <legend>{t('review.suggestion.choose', { field: label })}</legend>
      {members.map((m, i) => (
        <label key={m.id} className="choice">
          <input type="radio" name={`choice-${field}`} checked={current === m.id} onChange={() => props.onChoose(m.id)} />
          <span>
            {value(m) || f.empty}
            {field !== 'name' && <span className="choice-from"> ({props.names[i]})</span>}
          </span>
        </label>
      ))}
      {combinedByDefault.includes(field) && (
        <label className="choice">
          <input type="radio" name={`choice-${field}`} checked={current === null} onChange={() => props.onChoose(undefined)} />
          <span>{t('review.suggestion.keepAll')}</span>
        </label>
      )}
    </fieldset>
  );
}
