import { AsyncLocalStorage } from 'node:async_hooks';

/** What is known about the request being served, wherever the code runs during it. */
export interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `work` so that everything it calls, however deep, can read this request's scope. */
export const runInRequestScope = <T>(value: RequestScope, work: () => T): T => scope.run(value, work);

/** The scope of the request being served, or undefined outside one. */
export const currentRequestScope = (): RequestScope | undefined => scope.getStore();
