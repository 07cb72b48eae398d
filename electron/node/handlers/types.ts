// Exhaustive handler typing: every method in the contract must have a handler, and each
// handler receives the zod-parsed input and returns the method's output.
import type { ApiMethods, MethodName } from '../../../shared/api/contract.ts';

export type Handler<K extends MethodName> = (input: ApiMethods[K]['parsed']) => Promise<ApiMethods[K]['output']> | ApiMethods[K]['output'];

export type ApiHandlers = { [K in MethodName]: Handler<K> };
