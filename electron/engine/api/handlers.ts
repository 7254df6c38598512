// The handler type derived from the contract: one function per method, receiving validated params.
import type { MethodName, Result, ValidParams } from '../../../shared/api/contract.ts';
import type { EngineContext } from './context.ts';

export type Handler<M extends MethodName> = (params: ValidParams<M>, ctx: EngineContext) => Result<M> | Promise<Result<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** A domain's share of the handlers (api/accounts.ts, api/contacts.ts, …). */
export type DomainHandlers<K extends MethodName> = { [M in K]: Handler<M> };
