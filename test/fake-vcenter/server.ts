/**
 * The fake vCenter: node:http on 127.0.0.1, a random port (HTTPS is the mock's: `startMock({ tls: true })`).
 *
 * Per request: log it → delay fault → reset fault → fail fault → custom routes (`fake.route`)
 * → built-in routes → session check (401 in the style of the path) → handler.
 * Releases before 7.0.0 have no `/api` (every built-in `/api/...` path answers 404).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FailRule, DelayRule, ResetRule } from './faults.js';
import { Faults } from './faults.js';
import { Inventory, registerInventory, type FakeVm } from './inventory.js';
import { compareReleases } from '@vcenter-sdk/runtime';
import { errorReply, message, ReplyError, styleOf, type FakeRequest, type Handler, type Reply, type RouteContext } from './protocol.js';
import { Router, type RouteOptions } from './router.js';
import { registerSessions, SessionStore, unauthenticated } from './sessions.js';
import { registerTasks, TaskStore } from './tasks.js';
import { FAKE_PASSWORD, USER } from '../support/settings.js';

// Captured at import so that vi.useFakeTimers() in a test does not freeze delayNext: delays are wall-clock.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export interface FakeVcenterOptions {
  /** Release the fake claims to be (default '7.0.3'). */
  release?: string;
  /** user → password accepted by Basic auth (default: USER with FAKE_PASSWORD, test/support/settings.ts). */
  users?: Record<string, string>;
  /** Initial VMs (default SEED_VMS: vm-1001 web-01 on, vm-1002 db-01 off, vm-1003 build-01 suspended). */
  vms?: readonly FakeVm[];
}

/** A canned reply, or a handler computing one. */
export type RouteReply = Handler | Reply;

export interface FakeVcenter {
  readonly url: string;
  readonly port: number;
  readonly release: string;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  /** Live sessions right now. */
  readonly sessionCount: number;
  /** Successful logins so far (both styles). */
  readonly loginCount: number;
  readonly tasks: TaskStore;
  readonly inventory: Inventory;
  readonly sessions: SessionStore;
  failNext(rule: FailRule): void;
  resetNext(rule?: ResetRule): void;
  delayNext(rule: DelayRule): void;
  /** Drops all pending fault rules. */
  clearFaults(): void;
  /**
   * Adds a route that takes precedence over the built-in ones (latest added wins).
   * `path` may hold `{param}` placeholders and a fixed query (`/api/x?action=y`), matched as a subset.
   * Needs a live session unless `{ auth: false }`. Returns a function removing the route.
   */
  route(method: string, path: string, reply: RouteReply, options?: RouteOptions): () => void;
  close(): Promise<void>;
}

function serialize(body: unknown): { text: string | undefined; type: string | undefined } {
  if (body === undefined) return { text: undefined, type: undefined };
  if (typeof body !== 'string') return { text: JSON.stringify(body), type: 'application/json' };
  try {
    JSON.parse(body);
    return { text: body, type: 'application/json' };
  } catch {
    return { text: body, type: body.trimStart().startsWith('<') ? 'text/html' : 'text/plain' };
  }
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') {
    try {
      socket.resetAndDestroy();
      return;
    } catch {
      // TLS sockets may refuse; fall through
    }
  }
  socket.destroy();
}

export async function startFakeVcenter(options: FakeVcenterOptions = {}): Promise<FakeVcenter> {
  const release = options.release ?? '7.0.3';
  const hasApi = compareReleases(release, '7.0.0') >= 0;

  const sessions = new SessionStore(options.users ?? { [USER]: FAKE_PASSWORD });
  const tasks = new TaskStore();
  const inventory = new Inventory(options.vms);
  const faults = new Faults();
  const requests: FakeRequest[] = [];
  const builtin = new Router();
  const custom = new Router();
  registerSessions(builtin, sessions);
  registerTasks(builtin, tasks);
  registerInventory(builtin, inventory, tasks);

  let closed = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        realClearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = realSetTimeout(done, ms);
      sleepers.add(done);
    });

  const fake = {} as FakeVcenter;

  const send = (res: ServerResponse, reply: Reply) => {
    if (res.destroyed || res.headersSent) return;
    const { text, type } = serialize(reply.body);
    const headers: Record<string, string | string[]> = {};
    if (type) headers['Content-Type'] = type;
    for (const [k, v] of Object.entries(reply.headers ?? {})) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
      headers[k] = v;
    }
    const status = reply.status ?? (text === undefined ? 204 : 200);
    res.writeHead(status, headers);
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fr: FakeRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: { ...req.headers },
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(fr);

    const delay = faults.delay.take(fr);
    if (delay) await sleep(delay.ms);
    if (closed) return;
    if (faults.reset.take(fr)) return resetSocket(req.socket);
    const failure = faults.fail.take(fr);
    if (failure) return send(res, failure);

    const url = new URL(fr.path, 'http://127.0.0.1');
    const style = styleOf(url.pathname);
    const match =
      custom.match(fr.method, url.pathname, url.searchParams) ??
      (hasApi || !url.pathname.startsWith('/api/') ? builtin.match(fr.method, url.pathname, url.searchParams) : undefined);
    if (!match) {
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/rest/')) {
        return send(
          res,
          errorReply(style, 'NOT_FOUND', [
            message(`The requested resource ${fr.method} ${url.pathname} was not found.`, 'com.vmware.vapi.rest.httpNotFound'),
          ]),
        );
      }
      return send(res, {
        status: 404,
        body: '<html><body><h1>404 Not Found</h1></body></html>',
        headers: { 'Content-Type': 'text/html' },
      });
    }
    const sessionHeader = fr.headers['vmware-api-session-id'];
    const sessionId = typeof sessionHeader === 'string' ? sessionHeader : undefined;
    if (match.entry.auth && !sessions.touch(sessionId)) return send(res, unauthenticated(style));

    const ctx: RouteContext = {
      ...fr,
      pathname: url.pathname,
      query: url.searchParams,
      params: match.params,
      style,
      ...(sessionId !== undefined ? { sessionId } : {}),
      json() {
        if (fr.body.trim() === '') return undefined;
        try {
          return JSON.parse(fr.body);
        } catch {
          throw new ReplyError(errorReply(style, 'INVALID_REQUEST', [message('Request body is not valid JSON', 'vapi.json.parse.error')]));
        }
      },
    };
    try {
      send(res, await match.entry.handler(ctx));
    } catch (err) {
      if (err instanceof ReplyError) return send(res, err.reply);
      send(
        res,
        errorReply(style, 'ERROR', [message(`fake-vcenter handler failed: ${(err as Error).message}`, 'com.vmware.fake.internal')]),
      );
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => res.destroy());
  };
  const server: Server = createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  Object.defineProperties(fake, {
    url: { value: `http://127.0.0.1:${port}`, enumerable: true },
    port: { value: port, enumerable: true },
    release: { value: release, enumerable: true },
    requests: { value: requests, enumerable: true },
    sessionCount: { get: () => sessions.sessions.size, enumerable: true },
    loginCount: { get: () => sessions.loginCount, enumerable: true },
    tasks: { value: tasks, enumerable: true },
    inventory: { value: inventory, enumerable: true },
    sessions: { value: sessions, enumerable: true },
  });
  fake.failNext = (rule) => faults.fail.add(rule);
  fake.resetNext = (rule = {}) => faults.reset.add(rule);
  fake.delayNext = (rule) => faults.delay.add(rule);
  fake.clearFaults = () => faults.clear();
  fake.route = (method, path, reply, routeOptions) =>
    custom.add(method, path, typeof reply === 'function' ? reply : () => reply, routeOptions);
  let closing: Promise<void> | undefined;
  fake.close = () =>
    (closing ??= new Promise<void>((resolve) => {
      closed = true;
      for (const wake of [...sleepers]) wake();
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return fake;
}
