// The in-process transport (tray, CLI, tests): the same envelopes as IPC and WebSocket, passed
// through a JSON round trip so anything that would not survive the wire fails here too.
import type { Transport } from '../../../shared/api/transport.ts';
import type { Engine } from '../index.ts';

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function inProcessTransport(engine: Pick<Engine, 'dispatch' | 'subscribe'>): Transport {
  return {
    request: async (method, params) => wire(await engine.dispatch(method, wire(params ?? {}))),
    subscribe: (listener) => engine.subscribe((message) => listener(wire(message))),
  };
}
