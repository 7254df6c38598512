// The Google sign-in of the add-account form as a state machine: idle → starting → waiting (the
// consent page open in the browser) → the account (account.signedIn) or a failure in plain words
// (account.signInFailed, or the start refused). The engine answers accounts.signInGoogle at once;
// if the host did not open the page (concord serve), it is opened here in the browser the user is
// already in, and the link is always shown. The tab is opened empty during the click itself and
// pointed at Google once the answer arrives: a pop-up blocker allows window.open only within the
// click's short user activation, which a slow first start (loading the Google client) outlasts.
// Invariants: an event is matched to this form's sign-in by signInId, including one that arrives
// before the start's answer (the desktop host opens the browser before answering, and a quick
// browser can finish first); a sign-in still waiting when the form goes away is cancelled, so its
// loopback port is freed at once rather than after the timeout.
import { useEffect, useRef, useState } from 'react';
import type { Params } from '../../../../shared/api/contract.ts';
import type { EventMap, SignInFailureReason } from '../../../../shared/api/events.ts';
import type { Account } from '../../../../shared/model/account.ts';
import { useClient, useEvent } from '../../state/api.tsx';

export type GoogleSignIn =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'waiting'; signInId: string; url: string }
  /** `error`: the engine's failure (a ConcordError) or the failure event's code and detail. */
  | { state: 'failed'; reason: SignInFailureReason | 'refused'; error: unknown };

type Ending = { event: 'signedIn'; payload: EventMap['account.signedIn'] } | { event: 'failed'; payload: EventMap['account.signInFailed'] };

export function useGoogleSignIn(onAdded: (account: Account) => void) {
  const client = useClient();
  const [status, setStatus] = useState<GoogleSignIn>({ state: 'idle' });
  /** Endings seen by signInId: one may come before the answer that tells us our id. */
  const endings = useRef(new Map<string, Ending>());
  const current = useRef<string | null>(null);

  const settle = (ending: Ending): void => {
    current.current = null;
    if (ending.event === 'signedIn') {
      setStatus({ state: 'idle' });
      onAdded(ending.payload.account);
    } else {
      const { reason, code, message } = ending.payload;
      setStatus({ state: 'failed', reason, error: { code, message } });
    }
  };
  const seen = (ending: Ending): void => {
    endings.current.set(ending.payload.signInId, ending);
    if (ending.payload.signInId === current.current) settle(ending);
  };
  useEvent('account.signedIn', (payload) => seen({ event: 'signedIn', payload }));
  useEvent('account.signInFailed', (payload) => seen({ event: 'failed', payload }));

  // Leaving the form while the browser is still open: stop the sign-in (frees its port).
  useEffect(
    () => () => {
      const id = current.current;
      if (id !== null) void client.call('accounts.cancelSignIn', { signInId: id }).catch(() => undefined);
    },
    [client],
  );

  /** Call from the click handler itself, before any await (see above). */
  async function start(params: Params<'accounts.signInGoogle'>): Promise<void> {
    // Electron denies window.open (null) and opens the page in the system browser itself.
    const tab = window.open('about:blank', '_blank');
    setStatus({ state: 'starting' });
    try {
      const started = await client.call('accounts.signInGoogle', params);
      current.current = started.signInId;
      setStatus({ state: 'waiting', signInId: started.signInId, url: started.url });
      if (started.opened) tab?.close();
      else if (tab) {
        // Google's page gets no handle on this one (what noopener would have given).
        tab.opener = null;
        tab.location.replace(started.url);
      } else window.open(started.url, '_blank', 'noopener,noreferrer'); // blocked: the link is shown too
      const early = endings.current.get(started.signInId);
      if (early) settle(early);
    } catch (error) {
      tab?.close();
      setStatus({ state: 'failed', reason: 'refused', error });
    }
  }

  async function cancel(): Promise<void> {
    const id = current.current;
    current.current = null;
    setStatus({ state: 'idle' });
    if (id !== null) await client.call('accounts.cancelSignIn', { signInId: id }).catch(() => undefined);
  }

  return { status, start, cancel, reset: () => setStatus({ state: 'idle' }) };
}
