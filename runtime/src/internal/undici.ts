/**
 * The parts of undici the runtime uses: the Agent, the TLS connector and Dispatcher's
 * `request`. undici's index loads its whole library (fetch, WebSocket, caches, mocks,
 * proxies, about 110 modules: most of the runtime's import time); undici has no `exports`
 * map, so its modules are reachable by path, and these three load only what they need.
 * Should a later undici move them, the index is the fallback. Each loads on first use (a
 * client's first request, a TLS connector), not with the runtime: importing it costs nothing.
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

function part<T>(path: string, fromIndex: (undici: typeof Undici) => T): T {
  try {
    return require(`undici/lib/${path}`) as T;
  } catch {
    return fromIndex(require('undici') as typeof Undici);
  }
}

type Request = (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;

function lazyPart<T>(path: string, fromIndex: (undici: typeof Undici) => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= part(path, fromIndex));
}

export const loadAgent = lazyPart<typeof Undici.Agent>('dispatcher/agent.js', (u) => u.Agent);
export const loadBuildConnector = lazyPart<typeof Undici.buildConnector>('core/connect.js', (u) => u.buildConnector);
/** `Dispatcher.prototype.request`, which the index attaches: called on any dispatcher, a caller's own included. */
export const loadDispatchRequest = lazyPart<Request>('api/api-request.js', (u) => u.Dispatcher.prototype.request as Request);
