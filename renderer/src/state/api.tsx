// React access to the engine: the typed client, event subscriptions and the connection state.
// Components never see the transport; they call `useClient().call(...)` and `useEvent(...)`.
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConcordClient } from '../../../shared/api/client.ts';
import type { EventMap, EventName } from '../../../shared/api/events.ts';
import type { ConnectedTransport, ConnectionState } from '../transport.ts';

interface Api {
  client: ConcordClient;
  transport: ConnectedTransport;
}

const ApiContext = createContext<Api | null>(null);

export function ApiProvider(props: Api & { children: ReactNode }): ReactNode {
  const { client, transport } = props;
  const [value] = useState<Api>(() => ({ client, transport }));
  return <ApiContext.Provider value={value}>{props.children}</ApiContext.Provider>;
}

function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useClient() outside <ApiProvider>');
  return api;
}

export function useClient(): ConcordClient {
  return useApi().client;
}

/** Subscribes for the component's lifetime; the latest listener is always the one called. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.onEvent(event, (payload) => latest.current(payload)), [client, event]);
}

export function useConnection(): ConnectionState {
  const { transport } = useApi();
  const [state, setState] = useState(transport.state);
  useEffect(() => {
    setState(transport.state());
    return transport.onState(setState);
  }, [transport]);
  return state;
}

/**
 * Counts reconnections. Screens put it in their effects' dependencies: events sent while the
 * socket was down are lost, so everything shown is re-queried once it is back.
 */
export function useReconnects(): number {
  const { transport } = useApi();
  const [count, setCount] = useState(transport.reconnects);
  useEffect(() => {
    setCount(transport.reconnects());
    return transport.onState(() => setCount(transport.reconnects()));
  }, [transport]);
  return count;
}
