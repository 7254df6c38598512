// Typed client over any Transport: `call` resolves with the method's result or throws
// ConcordError with the engine's code; `onEvent` narrows payloads by event name.
import { ConcordError, isErrorCode } from './errors.ts';
import type { MethodName, Params, Result } from './contract.ts';
import type { EventMap, EventName } from './events.ts';
import type { Transport } from './transport.ts';

export interface ConcordClient {
  call<M extends MethodName>(method: M, ...params: Record<never, never> extends Params<M> ? [Params<M>?] : [Params<M>]): Promise<Result<M>>;
  onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function createClient(transport: Transport): ConcordClient {
  return {
    async call(method, ...rest) {
      let envelope;
      try {
        envelope = await transport.request(method, rest[0] ?? {});
      } catch (cause) {
        throw new ConcordError('UNAVAILABLE', 'The Concord engine cannot be reached.', { cause });
      }
      if (envelope.ok) return envelope.result as never;
      const { code, message } = envelope.error;
      throw new ConcordError(isErrorCode(code) ? code : 'INTERNAL', message);
    },
    onEvent(event, listener) {
      return transport.subscribe((message) => {
        if (message.event === event) listener(message.payload as EventMap[typeof event]);
      });
    },
  };
}
