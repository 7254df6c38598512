// What the review screens (Activity, Conflicts, Merge suggestions) do with their list: ask the
// engine for it, ask again on reconnect and on Retry, and run a decision so that while it is written
// the buttons wait (busy), its failure is shown, and afterwards the list and the sidebar's counts
// (review-status) are asked again. Invariant: every decision ends with a fresh list from the engine,
// whether it worked or not, so the screen never shows what the engine no longer holds.
import { useCallback, useEffect, useState } from 'react';
import type { ConcordClient } from '../../../shared/api/client.ts';
import { useClient, useReconnects } from '../state/api.tsx';
import { useReviewStatus } from './review-status.tsx';

export interface ReviewData<T> {
  /** The last list the engine gave; null until the first answer. */
  data: T | null;
  error: unknown;
  /** Counts the lists received (a new one also when nothing in it changed). */
  version: number;
  busy: boolean;
  /** Asks for the list again (events the screen listens to call this). */
  load(): void;
  retry(): void;
  /** Runs one decision: busy meanwhile, its error shown, then the list and the counts asked again. */
  act(work: () => Promise<void>): Promise<void>;
}

/** `fetch` must keep its identity between renders (a module-level function or useCallback). */
export function useReviewData<T>(fetch: (client: ConcordClient) => Promise<T>): ReviewData<T> {
  const client = useClient();
  const reconnects = useReconnects();
  const { refresh: refreshStatus } = useReviewStatus();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(() => {
    fetch(client).then(
      (answer) => {
        setData(answer);
        setError(null);
        setVersion((v) => v + 1);
      },
      (cause: unknown) => setError(cause),
    );
  }, [client, fetch]);
  useEffect(load, [load, reconnects, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  async function act(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      load();
      refreshStatus();
    }
  }

  return { data, error, version, busy, load, retry, act };
}
