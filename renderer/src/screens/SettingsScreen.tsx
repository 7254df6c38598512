// Settings: language, theme, sync interval, start at login and the safety-guard thresholds. Every
// change is saved at once through `settings.update` (there is no Save button to forget); a quiet
// "Saved" confirms it. The theme is this device's (components/setup/theme.ts), not the engine's.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Params } from '../../../shared/api/contract.ts';
// Types only from settings.ts: its values pull zod (hundreds of kB) into the bundle.
import type { Settings } from '../../../shared/model/settings.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { IntervalField } from '../components/IntervalField.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { NumberSetting } from '../components/setup/NumberSetting.tsx';
import { readTheme, saveTheme, themes } from '../components/setup/theme.ts';
import type { Theme } from '../components/setup/theme.ts';
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
  const [theme, setTheme] = useState<Theme>(readTheme);

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
              <SelectField
                label={t('setup.theme')}
                name="theme"
                value={theme}
                options={themes.map((th) => ({ value: th, label: t(`setup.theme.${th}`) }))}
                onChange={(next) => {
                  saveTheme(next);
                  setTheme(next);
                  setSavedAt(Date.now());
                }}
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
              <h2 className="settings-subtitle">{t('setup.guard.title')}</h2>
              <p className="form-help">{t('setup.guard.intro')}</p>
              <NumberSetting
                label={t('setup.guard.min')}
                name="guardMinContacts"
                unit={t('setup.guard.min.unit')}
                invalid={t('setup.guard.min.invalid')}
                value={settings.guardMinContacts}
                min={0}
                max={100_000}
                onSave={(guardMinContacts) => void save({ guardMinContacts })}
              />
              <NumberSetting
                label={t('setup.guard.fraction')}
                name="guardFraction"
                unit="%"
                invalid={t('setup.guard.fraction.invalid')}
                value={Math.round(settings.guardFraction * 100)}
                min={0}
                max={100}
                onSave={(percent) => void save({ guardFraction: percent / 100 })}
              />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
