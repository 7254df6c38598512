// `app.info` (version, host) for the status line and host-dependent settings. Asked once per
// client and shared: it cannot change while the app runs.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api/contract.ts';
import type { ConcordClient } from '../../../shared/api/client.ts';
import { useClient, useReconnects } from '../state/api.tsx';

const cache = new WeakMap<ConcordClient, Promise<AppInfo>>();

export function useAppInfo(): AppInfo | null {
  const client = useClient();
  const reconnects = useReconnects();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    let request = cache.get(client);
    if (!request) {
      request = client.call('app.info', {});
      cache.set(client, request);
      // A failed call is not cached: the next mount or reconnect asks again.
      request.catch(() => cache.delete(client));
    }
    request.then((i) => live && setInfo(i), () => {});
    return () => {
      live = false;
    };
  }, [client, reconnects]);
  return info;
}
