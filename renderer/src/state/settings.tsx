// The app-wide settings, loaded once and kept current from `settings.changed` (another window or
// the CLI may change them). The language setting drives the i18n provider, so this sits near the
// top of the tree.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Params } from '../../../shared/api/contract.ts';
import type { Settings } from '../../../shared/model/settings.ts';
import { useClient, useEvent, useReconnects } from './api.tsx';

interface SettingsState {
  /** null until the first answer arrives. */
  settings: Settings | null;
  /** Why the settings could not be read; the defaults stay in effect meanwhile. */
  error: unknown;
  reload(): void;
  update(patch: Params<'settings.update'>): Promise<Settings>;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider(props: { children: ReactNode }): ReactNode {
  const client = useClient();
  const reconnects = useReconnects();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    client.call('settings.get', {}).then(
      (s) => {
        if (!live) return;
        setSettings(s);
        setError(null);
      },
      (cause: unknown) => live && setError(cause),
    );
    return () => {
      live = false;
    };
  }, [client, reconnects, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEvent('settings.changed', setSettings);

  const update = useCallback(
    async (patch: Params<'settings.update'>) => {
      const next = await client.call('settings.update', patch);
      setSettings(next);
      return next;
    },
    [client],
  );

  const value = useMemo(() => ({ settings, error, reload, update }), [settings, error, reload, update]);
  return <SettingsContext.Provider value={value}>{props.children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings() outside <SettingsProvider>');
  return state;
}
