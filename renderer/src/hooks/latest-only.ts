// Latest-only requests for a search box: every keystroke may ask at once, but at most one request
// is in flight; a newer ask waits for it and replaces any other waiting ask, and an answer that a
// newer ask overtook is dropped unseen. So typing fast never piles up requests (the engine answers
// one connection in order), and the screen only ever shows the newest query's answer.
// Invariant: `deliver`/`fail` run only for the newest ask made so far, and at most once for it.

export interface LatestOnly<A> {
  ask(args: A): void;
}

export function latestOnly<A, R>(request: (args: A) => Promise<R>, deliver: (args: A, result: R) => void, fail: (cause: unknown) => void): LatestOnly<A> {
  let newest = 0;
  let busy = false;
  let waiting: { args: A; ticket: number } | null = null;

  function send(args: A, ticket: number): void {
    busy = true;
    const settle = () => {
      busy = false;
      const next = waiting;
      waiting = null;
      if (next) send(next.args, next.ticket);
    };
    request(args).then(
      (result) => {
        if (ticket === newest) deliver(args, result);
        settle();
      },
      (cause: unknown) => {
        if (ticket === newest) fail(cause);
        settle();
      },
    );
  }

  return {
    ask(args) {
      const ticket = ++newest;
      if (busy) waiting = { args, ticket };
      else send(args, ticket);
    },
  };
}
