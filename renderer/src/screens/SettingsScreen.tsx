// Settings: language, sync interval and start at login. Every change is saved at once through
// `settings.update` (there is no Save button to forget); a quiet "Saved" confirms it.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Params } from '../../../shared/api/contract.ts';
// Types only from settings.ts: its values pull zod (hundreds of kB) into the bundle.
import type { Settings } from '../../../shared/model/settings.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { IntervalField } from '../components/IntervalField.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useAppInfo } from '../hooks/useAppInfo.ts';
import { useT } from '../i18n/index.ts';
import { useSettings } from '../state/settings.tsx';

const SAVED_SHOWN_MS = 2000;

export function SettingsScreen(): ReactNode {
  const t = useT();
  const { settings, error: loadError, reload, update } = useSettings();
  const info = useAppInfo();
  const [error, setError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  useEffect(() => {
    if (savedAt === null) return;
    const timer = setTimeout(() => setSavedAt(null), SAVED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [savedAt]);

  async function save(patch: Params<'settings.update'>): Promise<void> {
    setError(null);
    try {
      await update(patch);
      setSavedAt(Date.now());
    } catch (cause) {
      setError(cause);
    }
  }

  const languageNames: Record<Settings['language'], string> = {
    system: t('settings.language.system'),
    en: t('settings.language.en'),
    'zh-CN': t('settings.language.zh-CN'),
  };
  const canStartAtLogin = info?.host === 'electron';

  return (
    <div className="screen settings-screen">
      <header className="screen-header">
        <h1>{t('settings.title')}</h1>
        <p className="saved-note" role="status">
          {savedAt !== null ? t('settings.saved') : ''}
        </p>
      </header>
      <div className="screen-scroll">
        <div className="screen-column">
          {!settings && loadError !== null && <ErrorNotice error={loadError} onRetry={reload} />}
          {error !== null && <ErrorNotice error={error} />}
          {settings && (
            <div className="card settings-card">
              <SelectField
                label={t('settings.language')}
                name="language"
                value={settings.language}
                options={(Object.keys(languageNames) as Settings['language'][]).map((l) => ({ value: l, label: languageNames[l] }))}
                onChange={(language) => void save({ language })}
              />
              <IntervalField value={settings.syncIntervalMinutes} onSave={(syncIntervalMinutes) => void save({ syncIntervalMinutes })} />
              <div className="field field-checkbox">
                <label>
                  <input
                    type="checkbox"
                    checked={settings.startAtLogin}
                    disabled={!canStartAtLogin}
                    onChange={(e) => void save({ startAtLogin: e.target.checked })}
                  />
                  {t('settings.startAtLogin')}
                </label>
                {info && !canStartAtLogin && <p className="field-hint">{t('settings.startAtLogin.unavailable')}</p>}
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
