// Validates a call against the contract, runs its handler and turns every outcome into an
// envelope (DESIGN.md §2). Invariant: dispatch never rejects, and an unexpected exception never
// leaks its message or stack to the caller: it is logged and reported as INTERNAL.
import type { z } from 'zod';
import { contract, isMethodName } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Envelope } from '../../../shared/api/transport.ts';
import type { EngineContext } from './context.ts';
import type { Handlers } from './handlers.ts';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export type Dispatch = (method: string, params: unknown) => Promise<Envelope>;

export function createDispatcher(handlers: Handlers, ctx: EngineContext): Dispatch {
  return async (method, params) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 100)}` } };
    }
    const parsed = contract[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_PARAMS', message: `${method}: ${describeIssues(parsed.error)}` } };
    }
    try {
      const handler = handlers[method] as (p: unknown, c: EngineContext) => unknown;
      return { ok: true, result: await handler(parsed.data, ctx) };
    } catch (error) {
      if (error instanceof ConcordError) return { ok: false, error: error.toInfo() };
      ctx.ports.logger.error(`unexpected error in ${method}`, {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Concord. The details are in the log.' } };
    }
  };
}
