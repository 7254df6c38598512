// The "Add account" form. Fields follow the kind, as `accounts.add` expects them: CardDAV needs a
// server URL, user name and password; iCloud an Apple ID and an app-specific password; Google only
// a name (its sign-in is not a password). Checked here first so people get field-level messages in
// their language; whatever the engine still rejects is shown by error code.
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Params } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Account, SyncDirection } from '../../../shared/model/account.ts';
import { syncDirections } from '../../../shared/model/account.ts';
import { useT } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { KindPicker } from './KindPicker.tsx';
import type { AddableKind } from './KindPicker.tsx';
import { SelectField } from './SelectField.tsx';
import { TextField } from './TextField.tsx';

interface Draft {
  kind: AddableKind;
  name: string;
  url: string;
  username: string;
  secret: string;
  direction: SyncDirection;
  region: string;
}

type FieldName = 'name' | 'url' | 'username' | 'secret' | 'region';
type FieldErrors = Partial<Record<FieldName, string>>;

const blank: Draft = { kind: 'google', name: '', url: '', username: '', secret: '', direction: 'two-way', region: '' };

function isWebAddress(text: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export function AddAccountForm(props: { onAdded(account: Account): void; onCancel(): void }): ReactNode {
  const t = useT();
  const client = useClient();
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const labels: Record<FieldName, string> = {
    name: t('form.name'),
    url: t('form.url'),
    username: draft.kind === 'icloud' ? t('form.appleId') : t('form.username'),
    secret: draft.kind === 'icloud' ? t('form.appPassword') : t('form.password'),
    region: t('form.region'),
  };

  function validate(d: Draft): FieldErrors {
    const found: FieldErrors = {};
    const required = (field: FieldName, value: string) => {
      if (!value.trim()) found[field] = t('form.required', { field: labels[field] });
    };
    required('name', d.name);
    if (d.kind === 'carddav') {
      required('url', d.url);
      if (!found.url && !isWebAddress(d.url.trim())) found.url = t('form.invalidUrl');
    }
    if (d.kind !== 'google') {
      required('username', d.username);
      required('secret', d.secret);
    }
    if (d.region.trim() && !/^[A-Za-z]{2}$/.test(d.region.trim())) found.region = t('form.invalidRegion');
    return found;
  }

  function params(d: Draft): Params<'accounts.add'> {
    const orNull = (s: string) => (s.trim() ? s.trim() : null);
    return {
      kind: d.kind,
      name: d.name.trim(),
      url: d.kind === 'carddav' ? orNull(d.url) : null,
      username: orNull(d.username),
      // Passwords are taken as typed: spaces can be part of them.
      secret: d.kind === 'google' || d.secret === '' ? null : d.secret,
      direction: d.direction,
      defaultRegion: orNull(d.region)?.toUpperCase() ?? null,
    };
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      props.onAdded(await client.call('accounts.add', params(draft)));
    } catch (cause) {
      if (cause instanceof ConcordError && cause.code === 'ALREADY_EXISTS') setErrors({ name: t.error('ALREADY_EXISTS') });
      else setFailure(cause);
    } finally {
      setBusy(false);
    }
  }

  const { kind } = draft;
  return (
    <form className="card add-account" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-account-title">
      <h2 id="add-account-title">{t('form.title')}</h2>
      <KindPicker value={kind} onChange={set('kind')} />
      <TextField label={labels.name} value={draft.name} onChange={set('name')} placeholder={t('form.name.placeholder')} error={errors.name} maxLength={100} />
      {kind === 'carddav' && (
        <TextField
          label={labels.url}
          value={draft.url}
          onChange={set('url')}
          type="url"
          inputMode="url"
          placeholder={t('form.url.placeholder')}
          error={errors.url}
        />
      )}
      {kind === 'icloud' && <p className="form-help">{t('form.icloud.help')}</p>}
      {kind !== 'google' ? (
        <>
          <TextField
            label={labels.username}
            value={draft.username}
            onChange={set('username')}
            type={kind === 'icloud' ? 'email' : 'text'}
            inputMode={kind === 'icloud' ? 'email' : 'text'}
            error={errors.username}
            maxLength={320}
          />
          <TextField label={labels.secret} value={draft.secret} onChange={set('secret')} type="password" error={errors.secret} maxLength={4096} />
        </>
      ) : (
        <TextField
          label={t('form.googleEmail')}
          value={draft.username}
          onChange={set('username')}
          type="email"
          inputMode="email"
          optional
          maxLength={320}
        />
      )}
      <SelectField
        label={t('form.direction')}
        value={draft.direction}
        onChange={set('direction')}
        options={syncDirections.map((d) => ({ value: d, label: t(`form.direction.${d}`) }))}
      />
      <TextField
        label={labels.region}
        value={draft.region}
        onChange={set('region')}
        placeholder={t('form.region.placeholder')}
        error={errors.region}
        optional
        narrow
        maxLength={2}
      />
      {failure !== null && <ErrorNotice error={failure} />}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
