// The app shell: providers (engine access, settings, language) around the sidebar and the current
// screen. Navigation is plain state: there are few screens and nothing to deep-link to yet.
import { useLayoutEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConcordClient } from '../../shared/api/client.ts';
import { ReviewStatusProvider } from './components/review-status.tsx';
import { SafetyStopBanner } from './components/SafetyStopBanner.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { applyTheme, readTheme } from './components/setup/theme.ts';
import type { Section } from './components/Sidebar.tsx';
import { I18nProvider } from './i18n/index.ts';
import { AccountsScreen } from './screens/AccountsScreen.tsx';
import { ActivityScreen } from './screens/ActivityScreen.tsx';
import { ConflictsScreen } from './screens/ConflictsScreen.tsx';
import { SuggestionsScreen } from './screens/SuggestionsScreen.tsx';
import { ContactsScreen } from './screens/ContactsScreen.tsx';
import { ImportExportScreen } from './screens/ImportExportScreen.tsx';
import { OnboardingScreen, useEmptyHub } from './screens/OnboardingScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { ApiProvider } from './state/api.tsx';
import { SettingsProvider, useSettings } from './state/settings.tsx';
import type { ConnectedTransport } from './transport.ts';

function Shell(): ReactNode {
  const [section, setSection] = useState<Section>('contacts');
  const [startAdding, setStartAdding] = useState(false);
  const [previewIds, setPreviewIds] = useState<string[] | undefined>(undefined);
  const emptyHub = useEmptyHub();
  const navigate = (next: Section, adding = false, preview?: string[]) => {
    setStartAdding(adding);
    setPreviewIds(preview);
    setSection(next);
  };
  return (
    <ReviewStatusProvider>
      <div className="app">
        <Sidebar current={section} onNavigate={(s) => navigate(s)} />
        <main className="main">
          {section !== 'activity' && <SafetyStopBanner placement="top" />}
          {section === 'conflicts' && <ConflictsScreen />}
          {section === 'suggestions' && <SuggestionsScreen />}
          {section === 'activity' && <ActivityScreen />}
          {section === 'contacts' && emptyHub === true && (
            <OnboardingScreen onAddAccount={() => navigate('accounts', true)} onSampleLoaded={(ids) => navigate('accounts', false, ids)} />
          )}
          {/* Mounted while the empty-hub check is still out, so the first contacts.list goes with it, not after it. */}
          {section === 'contacts' && emptyHub !== true && <ContactsScreen onAddAccount={() => navigate('accounts', true)} />}
          {section === 'accounts' && <AccountsScreen startAdding={startAdding} previewIds={previewIds} />}
          {section === 'transfer' && <ImportExportScreen />}
          {section === 'settings' && <SettingsScreen />}
        </main>
      </div>
    </ReviewStatusProvider>
  );
}

function Localised(props: { children: ReactNode }): ReactNode {
  const { settings } = useSettings();
  return <I18nProvider language={settings?.language ?? 'system'}>{props.children}</I18nProvider>;
}

export function App(props: { client: ConcordClient; transport: ConnectedTransport }): ReactNode {
  // The theme is this device's choice (theme.ts); applied before the first paint.
  useLayoutEffect(() => applyTheme(readTheme()), []);
  return (
    <ApiProvider client={props.client} transport={props.transport}>
      <SettingsProvider>
        <Localised>
          <Shell />
        </Localised>
      </SettingsProvider>
    </ApiProvider>
  );
}
