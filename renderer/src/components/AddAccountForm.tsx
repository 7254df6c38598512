// The "Add account" form. Fields follow the kind, as `accounts.add` expects them: CardDAV needs a
// server URL, user name and password; iCloud an Apple ID and an app-specific password (with where
// to create one); Google signs in in the browser (accounts.signInGoogle, use-google-sign-in.ts: the
// account exists once the browser comes back, optionally with the user's own OAuth client typed
// here). For CardDAV and iCloud the details are checked
// with the server first (accounts.discover), so a wrong password or address is reported in plain
// words with the fix while the user is still in the form, and nothing is saved until it works.
// Checked here first for field-level messages in the user's language; whatever the engine still
// rejects is shown by error code.
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Params } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Account, ConflictPolicy, SyncDirection } from '../../../shared/model/account.ts';
import { conflictPolicies, syncDirections } from '../../../shared/model/account.ts';
import { useT } from '../i18n/index.ts';
import { useClient } from '../state/api.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { KindPicker } from './KindPicker.tsx';
import type { AddableKind } from './KindPicker.tsx';
import { SelectField } from './SelectField.tsx';
import { TextField } from './TextField.tsx';
import { DiscoveryFeedback } from './setup/DiscoveryFeedback.tsx';
import { GoogleSignInStatus } from './setup/GoogleSignInStatus.tsx';
import { useGoogleSignIn } from './setup/use-google-sign-in.ts';
import type { Discovery } from './setup/DiscoveryFeedback.tsx';
import { RegionSelect } from './setup/RegionSelect.tsx';

interface Draft {
  kind: AddableKind;
  name: string;
  url: string;
  username: string;
  secret: string;
  direction: SyncDirection;
  conflictPolicy: ConflictPolicy;
  region: string | null;
  /** Google: the user's own OAuth client, when the host has none configured. */
  clientId: string;
  clientSecret: string;
}

type FieldName = 'name' | 'url' | 'username' | 'secret' | 'clientId' | 'clientSecret';
type FieldErrors = Partial<Record<FieldName, string>>;

const blank: Draft = { kind: 'carddav', name: '', url: '', username: '', secret: '', direction: 'two-way', conflictPolicy: 'ask', region: null, clientId: '', clientSecret: '' };

const APPLE_ID_URL = 'https://appleid.apple.com/account/manage';

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
  const [discovery, setDiscovery] = useState<Discovery | null>(null);
  const [busy, setBusy] = useState(false);
  const google = useGoogleSignIn(props.onAdded);
  const signingIn = google.status.state === 'starting' || google.status.state === 'waiting';

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      // New details: what was found with the old ones no longer says anything.
      if (key === 'kind' || key === 'url' || key === 'username' || key === 'secret') setDiscovery(null);
      // Another kind: a Google sign-in still waiting in the browser is stopped (its port freed).
      if (key === 'kind' && google.status.state !== 'idle') void google.cancel();
    };
  const labels: Record<FieldName, string> = {
    name: t('form.name'),
    url: t('form.url'),
    username: draft.kind === 'icloud' ? t('form.appleId') : t('form.username'),
    secret: draft.kind === 'icloud' ? t('form.appPassword') : t('form.password'),
    clientId: t('setup.google.clientId'),
    clientSecret: t('setup.google.clientSecret'),
  };

  function validate(d: Draft, forDiscovery = false): FieldErrors {
    const found: FieldErrors = {};
    const required = (field: FieldName, value: string) => {
      if (!value.trim()) found[field] = t('form.required', { field: labels[field] });
    };
    if (!forDiscovery) required('name', d.name);
    if (d.kind === 'carddav') {
      required('url', d.url);
      if (!found.url && !isWebAddress(d.url.trim())) found.url = t('form.invalidUrl');
    }
    if (d.kind !== 'google') {
      required('username', d.username);
      required('secret', d.secret);
    } else if (!d.clientId.trim() !== !d.clientSecret.trim()) {
      // Both or neither: without both, the host's configured client (if any) is used.
      found[d.clientId.trim() ? 'clientSecret' : 'clientId'] = t('setup.google.clientPair');
    }
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
      conflictPolicy: d.conflictPolicy,
      defaultRegion: d.region,
    };
  }

  function googleParams(d: Draft): Params<'accounts.signInGoogle'> {
    const { direction, conflictPolicy } = d;
    const client = d.clientId.trim() && d.clientSecret.trim() ? { clientId: d.clientId.trim(), clientSecret: d.clientSecret.trim() } : {};
    return { name: d.name.trim(), username: d.username.trim() || null, direction, conflictPolicy, defaultRegion: d.region, ...client };
  }

  /** Discovery with the typed details; true when at least one address book was found. */
  async function discover(d: Draft): Promise<boolean> {
    if (d.kind !== 'carddav' && d.kind !== 'icloud') return true;
    setDiscovery({ state: 'checking' });
    try {
      const view = await client.call('accounts.discover', {
        kind: d.kind,
        url: d.kind === 'carddav' ? d.url.trim() : null,
        username: d.username.trim(),
        secret: d.secret,
      });
      setDiscovery({ state: 'found', view });
      return view.addressBooks.length > 0;
    } catch (error) {
      setDiscovery({ state: 'failed', error });
      return false;
    }
  }

  async function check(): Promise<void> {
    const found = validate(draft, true);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    await discover(draft);
    setBusy(false);
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setFailure(null);
    if (draft.kind === 'google' && google.status.state === 'failed') google.reset();
    if (Object.keys(found).length > 0) return;
    if (draft.kind === 'google') {
      await google.start(googleParams(draft));
      return;
    }
    setBusy(true);
    try {
      const ok = discovery?.state === 'found' && discovery.view.addressBooks.length > 0 ? true : await discover(draft);
      if (ok) props.onAdded(await client.call('accounts.add', params(draft)));
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
      <p className="form-help" id="kind-help">
        {t(`setup.kindHelp.${kind}`)}
      </p>
      <TextField label={labels.name} value={draft.name} onChange={set('name')} placeholder={t('form.name.placeholder')} error={errors.name} maxLength={100} name="name" />
      {kind === 'carddav' && (
        <TextField
          label={labels.url}
          value={draft.url}
          onChange={set('url')}
          type="url"
          inputMode="url"
          name="url"
          placeholder={t('form.url.placeholder')}
          hint={t('setup.url.hint')}
          error={errors.url}
        />
      )}
      {kind === 'icloud' && (
        <div className="form-help icloud-help">
          <p>{t('form.icloud.help')}</p>
          <p>
            <a href={APPLE_ID_URL} target="_blank" rel="noreferrer">
              {t('setup.icloud.link')}
            </a>
          </p>
        </div>
      )}
      {kind !== 'google' ? (
        <>
          <TextField
            label={labels.username}
            value={draft.username}
            onChange={set('username')}
            type={kind === 'icloud' ? 'email' : 'text'}
            inputMode={kind === 'icloud' ? 'email' : 'text'}
            name="username"
            error={errors.username}
            maxLength={320}
          />
          <TextField label={labels.secret} value={draft.secret} onChange={set('secret')} type="password" name="secret" error={errors.secret} maxLength={4096} />
          <div className="discovery-row">
            <button type="button" className="button" onClick={() => void check()} disabled={busy} data-testid="discover">
              {t('setup.discover.check')}
            </button>
          </div>
          {discovery && <DiscoveryFeedback kind={kind} discovery={discovery} />}
        </>
      ) : (
        <>
          <TextField label={t('form.googleEmail')} value={draft.username} onChange={set('username')} type="email" inputMode="email" optional maxLength={320} />
          <details className="advanced" open={errors.clientId !== undefined || errors.clientSecret !== undefined || undefined}>
            <summary>{t('setup.google.client')}</summary>
            <p className="form-help">{t('setup.google.client.hint')}</p>
            <TextField label={labels.clientId} value={draft.clientId} onChange={set('clientId')} name="clientId" optional error={errors.clientId} maxLength={400} />
            <TextField
              label={labels.clientSecret}
              value={draft.clientSecret}
              onChange={set('clientSecret')}
              type="password"
              name="clientSecret"
              optional
              error={errors.clientSecret}
              maxLength={400}
            />
          </details>
        </>
      )}
      <details className="advanced">
        <summary>{t('setup.advanced')}</summary>
        <SelectField
          label={t('form.direction')}
          value={draft.direction}
          onChange={set('direction')}
          options={syncDirections.map((d) => ({ value: d, label: t(`form.direction.${d}`) }))}
        />
        <SelectField
          label={t('setup.policy')}
          value={draft.conflictPolicy}
          onChange={set('conflictPolicy')}
          options={conflictPolicies.map((p) => ({ value: p, label: t(`setup.policy.${p}`) }))}
        />
        <RegionSelect value={draft.region} onChange={set('region')} />
      </details>
      {failure !== null && <ErrorNotice error={failure} />}
      {kind === 'google' && (
        <GoogleSignInStatus status={google.status} clientTyped={draft.clientId.trim() !== '' && draft.clientSecret.trim() !== ''} onCancel={() => void google.cancel()} />
      )}
      <div className="form-buttons">
        {kind === 'google' ? (
          <button type="submit" className="button button-primary" disabled={signingIn}>
            {t('setup.google.signIn')}
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        )}
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
