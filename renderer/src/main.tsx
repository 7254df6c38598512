// Renderer entry: connect to the engine (preload bridge or WebSocket), build the typed client and
// mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../shared/api/client.ts';
import { App } from './App.tsx';
import { connectTransport } from './transport.ts';
import './styles.css';

const transport = connectTransport();
const client = createClient(transport);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} transport={transport} />
  </StrictMode>,
);
