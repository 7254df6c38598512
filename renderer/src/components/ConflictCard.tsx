// One conflict as a card: the value before, the value Concord holds now (and which accounts hold
// it, and when it changed), the account's value (and when it was seen), and the decisions: keep
// one side, take another account's copy, keep both (a list item one side removed), or type it.
// Every button names its side in its accessible label, so a screen reader hears what it decides.
import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ConflictView, FieldChange, HeldValue } from '../../../shared/api/contract.ts';
import { en } from '../i18n/en.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useT } from '../i18n/index.ts';
import type { Translator } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { editStart, formatValue, handEdit, holdersOf, keepBothSide, parseFieldPath, parseTypedDate, topField } from './conflicts-model.ts';
import type { ValueFormat } from './conflicts-model.ts';

export type ConflictDecision = { keep: 'hub' | 'account' } | { accountId: string } | { value: unknown };

export function valueFormat(t: Translator): ValueFormat {
  return { empty: t('review.value.empty'), date: (d) => t.partialDate(d), label: (l) => t.label(l) };
}

const has = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** "Email · ann@example.org · label", "Name · given name", "Birthday". */
export function fieldLabel(t: Translator, path: string): string {
  const p = parseFieldPath(path);
  const part = p.part === null ? null : has(`review.part.${p.part}`) ? t(`review.part.${p.part}` as MessageKey) : p.part;
  return [t(`review.field.${p.group}`), p.item, part].filter((x): x is string => Boolean(x)).join(' · ');
}

interface Context {
  values: HeldValue[];
  history: FieldChange[];
  /** Other accounts holding a copy of the contact: name by id. */
  accounts: { id: string; name: string }[];
}

function useConflictContext(contactId: string): Context | null {
  const client = useClient();
  const [context, setContext] = useState<Context | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([client.call('contacts.show', { id: contactId }), client.call('contacts.history', { id: contactId })]).then(
      ([detail, history]) => {
        if (!live) return;
        const accounts = [...new Map(detail.records.map((r) => [r.accountId, r.accountName])).entries()].map(([id, name]) => ({ id, name }));
        setContext({ values: detail.values, history, accounts });
      },
      () => live && setContext({ values: [], history: [], accounts: [] }),
    );
    return () => {
      live = false;
    };
  }, [client, contactId]);
  return context;
}

export function ConflictCard(props: {
  conflict: ConflictView;
  index: number;
  busy: boolean;
  onDecide(decision: ConflictDecision): void;
}): ReactNode {
  const t = useT();
  const c = props.conflict;
  const context = useConflictContext(c.contactId);
  const [editing, setEditing] = useState(false);
  const f = valueFormat(t);
  const field = fieldLabel(t, c.field);
  const name = c.contactName || t('contacts.unnamed');
  const titleId = `conflict-${c.id}-title`;

  const hubHolders = context ? holdersOf(context.values, c.field, c.hubValue) : [];
  const lastHubChange = context?.history.find((h) => h.field === topField(c.field) || h.field === '*');
  const others = context
    ? context.accounts.filter((a) => a.id !== c.accountId && !hubHolders.includes(a.name)).map((a) => ({ ...a, value: context.values.find((v) => v.field === c.field && v.accounts.includes(a.name))?.value }))
    : [];
  const distinctOthers = others.filter((o) => o.value !== undefined && JSON.stringify(o.value) !== JSON.stringify(c.accountValue) && JSON.stringify(o.value) !== JSON.stringify(c.hubValue));
  const both = keepBothSide(c);
  const edit = handEdit(c);

  return (
    <article className="conflict-card card" tabIndex={0} aria-labelledby={titleId} data-conflict-index={props.index} data-testid="conflict-card">
      <header className="conflict-head">
        <h2 id={titleId}>{name}</h2>
        <p className="conflict-field">{field}</p>
      </header>
      <div className="conflict-sides">
        <div className="conflict-side conflict-base">
          <h3>{t('review.conflict.base')}</h3>
          <p className="conflict-value selectable">{formatValue(c.base, f)}</p>
        </div>
        <div className="conflict-side">
          <h3>{t('review.conflict.hub')}</h3>
          <p className="conflict-value selectable" data-testid="hub-value">
            {formatValue(c.hubValue, f)}
          </p>
          <p className="conflict-meta">
            {hubHolders.length > 0 ? t('review.conflict.heldIn', { accounts: hubHolders.join(t('review.listSeparator')) }) : t('review.conflict.onlyHere')}
            {lastHubChange && ` · ${t('review.conflict.changed', { time: t.relative(lastHubChange.at) })}`}
          </p>
          <button
            type="button"
            className="button"
            disabled={props.busy}
            aria-label={t('review.conflict.keepHub.label', { field, name })}
            onClick={() => props.onDecide({ keep: 'hub' })}
          >
            {t('review.conflict.keepHub')}
          </button>
        </div>
        <div className="conflict-side">
          <h3>{t('review.conflict.account', { account: c.accountName })}</h3>
          <p className="conflict-value selectable" data-testid="account-value">
            {formatValue(c.accountValue, f)}
          </p>
          <p className="conflict-meta">{t('review.conflict.seen', { time: t.relative(c.detectedAt) })}</p>
          <button
            type="button"
            className="button"
            disabled={props.busy}
            aria-label={t('review.conflict.useAccount.label', { account: c.accountName, field, name })}
            onClick={() => props.onDecide({ keep: 'account' })}
          >
            {t('review.conflict.useAccount', { account: c.accountName })}
          </button>
        </div>
      </div>
      {(both !== null || edit !== null || distinctOthers.length > 0) && (
        <div className="conflict-more">
          {both !== null && (
            <button type="button" className="button button-quiet" disabled={props.busy} onClick={() => props.onDecide({ keep: both })}>
              {t('review.conflict.keepBoth')}
            </button>
          )}
          {distinctOthers.map((o) => (
            <button key={o.id} type="button" className="button button-quiet" disabled={props.busy} onClick={() => props.onDecide({ accountId: o.id })}>
              {t('review.conflict.useOther', { account: o.name, value: formatValue(o.value, f) })}
            </button>
          ))}
          {edit !== null && !editing && (
            <button type="button" className="button button-quiet" disabled={props.busy} onClick={() => setEditing(true)}>
              {t('review.conflict.edit')}
            </button>
          )}
        </div>
      )}
      {editing && edit !== null && (
        <HandEditForm
          kind={edit.kind}
          start={editStart(c.hubValue)}
          busy={props.busy}
          onCancel={() => setEditing(false)}
          onSave={(value) => props.onDecide({ value })}
        />
      )}
    </article>
  );
}

function HandEditForm(props: { kind: 'text' | 'date'; start: string; busy: boolean; onCancel(): void; onSave(value: unknown): void }): ReactNode {
  const t = useT();
  const [text, setText] = useState(props.start);
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  function submit(e: FormEvent): void {
    e.preventDefault();
    if (props.kind === 'text') return props.onSave(text);
    if (text.trim() === '') return props.onSave(null);
    const date = parseTypedDate(text);
    if (!date) return setInvalid(true);
    props.onSave(date);
  }
  return (
    <form className="conflict-edit" onSubmit={submit}>
      <label htmlFor={id}>{t('review.conflict.editLabel')}</label>
      <input
        id={id}
        className="inline-input"
        // Focus moves here when the user asked to type: the form exists only because they did.
        autoFocus
        value={text}
        aria-invalid={invalid}
        aria-describedby={props.kind === 'date' ? `${id}-hint` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      />
      {props.kind === 'date' && (
        <p id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
          {t('review.conflict.dateHint')}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={props.busy}>
          {t('review.conflict.save')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
