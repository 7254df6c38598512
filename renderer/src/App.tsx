// The app shell: providers (engine access, settings, language) around the sidebar and the current
// screen. Navigation is plain state: there are few screens and nothing to deep-link to yet.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ConcordClient } from '../../shared/api/client.ts';
import { Sidebar } from './components/Sidebar.tsx';
import type { Section } from './components/Sidebar.tsx';
import { I18nProvider } from './i18n/index.ts';
import { AccountsScreen } from './screens/AccountsScreen.tsx';
import { ContactsScreen } from './screens/ContactsScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { ApiProvider } from './state/api.tsx';
import { SettingsProvider, useSettings } from './state/settings.tsx';
import type { ConnectedTransport } from './transport.ts';

function Shell(): ReactNode {
  const [section, setSection] = useState<Section>('contacts');
  const [startAdding, setStartAdding] = useState(false);
  const navigate = (next: Section, adding = false) => {
    setStartAdding(adding);
    setSection(next);
  };
  return (
    <div className="app">
      <Sidebar current={section} onNavigate={(s) => navigate(s)} />
      <main className="main">
        {section === 'contacts' && <ContactsScreen onAddAccount={() => navigate('accounts', true)} />}
        {section === 'accounts' && <AccountsScreen startAdding={startAdding} />}
        {section === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}

function Localised(props: { children: ReactNode }): ReactNode {
  const { settings } = useSettings();
  return <I18nProvider language={settings?.language ?? 'system'}>{props.children}</I18nProvider>;
}

export function App(props: { client: ConcordClient; transport: ConnectedTransport }): ReactNode {
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
