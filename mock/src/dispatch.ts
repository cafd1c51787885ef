/**
 * One request → one reply: the release (`X-API-Version`), release detection and sessions,
 * the operation (routes: the release's own, else the newest older served release's), the
 * session check, then the operation's handler, a task for a `$task` variant, or the spec's
 * example for an operation the mock does not model.
 */
import { invalidArgument, MockFault, type Style } from './errors.js';
import { answeringOrder } from './fallback.js';
import { apiExplorerReply } from './handlers/apiexplorer.js';
import { buildContext, type Handler } from './handlers/context.js';
import { HANDLERS } from './handlers/index.js';
import { UPLOAD_PREFIX, uploadReply } from './handlers/upload.js';
import { header, type MockRequest, type Reply } from './reply.js';
import { modelName, type OperationSpec, type RouteMatch } from './routes.js';
import { sessionReply, type SessionStore } from './sessions.js';
import type { ReleaseState } from './state.js';
import { systemReply } from './system.js';

/** Who answered: a modelled handler, the spec's example, release detection / sessions, or an error before any operation. */
export type AnswerSource = 'model' | 'example' | 'system' | 'error';

export interface DispatchResult {
  reply: Reply;
  release?: string;
  /** The release whose spec defines the operation: `release` itself, or an older one it falls back to. */
  answeredBy?: string;
  operation?: OperationSpec;
  source: AnswerSource;
}

/** Names the release whose spec answered an operation (an 8.0.2 mock answers `vcenter.*` with 7.0.3's). */
const ANSWERED_HEADER = 'x-mock-release-answered';

export interface Dispatcher {
  states: ReadonlyMap<string, ReleaseState>;
  defaultRelease: string;
  versionHeader: string;
  sessions: SessionStore;
  now: () => Date;
}

const styleOf = (pathname: string): Style => (pathname.startsWith('/rest/') ? 'rest' : 'api');
const wrap = (style: Style, value: unknown): unknown => (style === 'rest' ? { value } : value);
const fault = (e: MockFault, style: Style): Reply => ({ status: e.status, body: e.body(style) });

export function dispatch(d: Dispatcher, req: MockRequest): DispatchResult {
  if (req.method === 'PUT' && req.pathname.startsWith(UPLOAD_PREFIX))
    return { reply: uploadReply((r) => d.states.get(r)?.inventory, req.pathname, req.raw), source: 'system' };
  const asked = header(req, d.versionHeader);
  const state = d.states.get(asked ?? d.defaultRelease);
  if (!state) {
    const e = invalidArgument(
      `The ${d.versionHeader} header names release '${asked}', which this mock does not serve; it serves ${[...d.states.keys()].join(', ')}`,
      d.versionHeader,
    );
    return { reply: fault(e, styleOf(req.pathname)), source: 'error' };
  }
  const release = state.release;
  const order = answeringOrderOf(d, state);
  const own =
    systemReply(req, release, order.served, state.hasApi) ??
    apiExplorerReply(req, order.names) ??
    sessionReply(d.sessions, req, state.hasApiSession);
  if (own) return { reply: own, release, source: 'system' };

  const style = styleOf(req.pathname);
  // The release's own operation, else the newest older served release's (8.0.2 has no vcenter service).
  let answering = state;
  let match: RouteMatch | undefined;
  for (const s of order.states) {
    match = s.routes.match(req.method, req.pathname, req.search);
    if (match) {
      answering = s;
      break;
    }
  }
  if (!match) {
    const newer = [...d.states.values()]
      .filter((s) => s !== state && s.routes.match(req.method, req.pathname, req.search))
      .map((s) => s.release);
    const hint = newer.length
      ? `; ${newer.join(', ')} ${newer.length === 1 ? 'has' : 'have'} it: choose one with the ${d.versionHeader} header`
      : '';
    const e = new MockFault(
      'NOT_FOUND',
      'com.vmware.vapi.rest.httpNotFound',
      `Release ${release} has no operation ${req.method} ${req.pathname}${hint}`,
    );
    return { reply: fault(e, style), release, source: 'error' };
  }
  const answeredBy = answering.release;
  const headers = { [ANSWERED_HEADER]: answeredBy };
  const op = match.op;
  try {
    const session = d.sessions.check(req);
    const ctx = buildContext({
      op,
      release,
      answerers: order.names,
      inventory: state.inventory,
      tasks: state.tasks,
      user: session.user,
      random: state.random,
      params: match.params,
      search: req.search,
      body: req.body,
      origin: req.origin || undefined,
      now: d.now,
    });
    const handler = handlerOf(op);
    const status = op.success[0] ?? 200;
    if (op.async) {
      const twin = op.syncTwin ? answering.routes.get(op.syncTwin) : undefined;
      const work = handler ? () => handler(ctx)?.value : () => exampleValue(answering, twin);
      const id = state.tasks.start(op.name, session.user, work);
      const reply = { status, headers, body: wrap(op.style, id) };
      return { reply, release, answeredBy, operation: op, source: handler ? 'model' : 'example' };
    }
    if (handler) {
      const value = handler(ctx)?.value;
      const reply = value === undefined ? { status, headers } : { status, headers, body: wrap(op.style, value) };
      return { reply, release, answeredBy, operation: op, source: 'model' };
    }
    return { reply: { status, headers, body: answering.example(op, status) }, release, answeredBy, operation: op, source: 'example' };
  } catch (e) {
    if (!(e instanceof MockFault)) throw e;
    return { reply: { ...fault(e, op.style), headers }, release, answeredBy, operation: op, source: 'model' };
  }
}

interface AnsweringOrder {
  /** The served releases that may answer a request to a release: itself, then the older ones, newest first. */
  states: readonly ReleaseState[];
  /** Their names. */
  names: readonly string[];
  /** Every release served. */
  served: readonly string[];
}

const orders = new WeakMap<ReleaseState, AnsweringOrder>();

/** Worked out on a release's first request: the same on every other. */
function answeringOrderOf(d: Dispatcher, state: ReleaseState): AnsweringOrder {
  let order = orders.get(state);
  if (!order) {
    const states = answeringOrder(d.states.values(), state.release);
    orders.set(state, (order = { states, names: states.map((s) => s.release), served: [...d.states.keys()] }));
  }
  return order;
}

const handlers = new WeakMap<OperationSpec, Handler | null>();

/** The handler that models an operation, or null (answered with the spec's example); looked up once per operation. */
function handlerOf(op: OperationSpec): Handler | undefined {
  let h = handlers.get(op);
  if (h === undefined) handlers.set(op, (h = HANDLERS[modelName(op.name)] ?? null));
  return h ?? undefined;
}

/** The result of an unmodelled operation's example, as the client sees it (`/rest` unwrapped). */
function exampleValue(state: ReleaseState, op: OperationSpec | undefined): unknown {
  if (!op) return undefined;
  const wire = state.example(op, op.success[0] ?? 200) as { value?: unknown } | undefined;
  return op.style === 'rest' && wire && typeof wire === 'object' ? wire.value : wire;
}
