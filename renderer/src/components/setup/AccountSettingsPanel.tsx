// One account's settings, changed in place and saved at once through accounts.update: on/off,
// direction, conflict policy, priority and phone region. Like the app settings there is no Save
// button to forget; each change is confirmed or its error shown.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Params } from '../../../../shared/api/contract.ts';
import type { Account } from '../../../../shared/model/account.ts';
import { conflictPolicies, syncDirections } from '../../../../shared/model/account.ts';
import { useT } from '../../i18n/index.ts';
import { useClient } from '../../state/api.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { SelectField } from '../SelectField.tsx';
import { RegionSelect } from './RegionSelect.tsx';

const PRIORITY_MIN = -100;
const PRIORITY_MAX = 100;

export function AccountSettingsPanel(props: { account: Account }): ReactNode {
  const t = useT();
  const client = useClient();
  const { account } = props;
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [priority, setPriority] = useState(String(account.settings.priority));

  async function save(patch: Omit<Params<'accounts.update'>, 'id'>): Promise<void> {
    setError(null);
    setSaved(false);
    try {
      await client.call('accounts.update', { id: account.id, ...patch });
      setSaved(true);
    } catch (cause) {
      setError(cause);
    }
  }

  function savePriority(): void {
    const n = Number(priority);
    if (!Number.isInteger(n) || n < PRIORITY_MIN || n > PRIORITY_MAX) {
      setPriority(String(account.settings.priority));
      return;
    }
    if (n !== account.settings.priority) void save({ priority: n });
  }

  const s = account.settings;
  return (
    <div className="account-settings" data-testid="account-settings">
      <div className="field field-checkbox">
        <label>
          <input type="checkbox" checked={account.enabled} onChange={(e) => void save({ enabled: e.target.checked })} />
          {t('setup.account.enabled')}
        </label>
      </div>
      <SelectField
        label={t('form.direction')}
        name="direction"
        value={s.direction}
        options={syncDirections.map((d) => ({ value: d, label: t(`form.direction.${d}`) }))}
        onChange={(direction) => void save({ direction })}
      />
      <SelectField
        label={t('setup.policy')}
        name="conflictPolicy"
        value={s.conflictPolicy}
        hint={t(`setup.policy.${s.conflictPolicy}.hint`)}
        options={conflictPolicies.map((p) => ({ value: p, label: t(`setup.policy.${p}`) }))}
        onChange={(conflictPolicy) => void save({ conflictPolicy })}
      />
      <div className="field field-narrow">
        <label htmlFor={`priority-${account.id}`}>{t('setup.priority')}</label>
        <input
          id={`priority-${account.id}`}
          type="number"
          min={PRIORITY_MIN}
          max={PRIORITY_MAX}
          step={1}
          value={priority}
          aria-describedby={`priority-${account.id}-hint`}
          onChange={(e) => setPriority(e.target.value)}
          onBlur={savePriority}
          onKeyDown={(e) => e.key === 'Enter' && savePriority()}
        />
        <p id={`priority-${account.id}-hint`} className="field-hint">
          {t('setup.priority.hint')}
        </p>
      </div>
      <RegionSelect value={s.defaultRegion} onChange={(defaultRegion) => void save({ defaultRegion })} />
      <p className="saved-note" role="status">
        {saved ? t('settings.saved') : ''}
      </p>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
