/**
 * One request → one reply: the release (`X-API-Version`), release detection and sessions,
 * the operation (routes), the session check, then the operation's handler, a task for a
 * `$task` variant, or the spec's example for an operation the mock does not model.
 */
import { invalidArgument, MockFault, type Style } from './errors.js';
import { apiExplorerReply } from './handlers/apiexplorer.js';
import { buildContext } from './handlers/context.js';
import { HANDLERS } from './handlers/index.js';
import { header, type MockRequest, type Reply } from './reply.js';
import { modelName, type OperationSpec } from './routes.js';
import { sessionReply, type SessionStore } from './sessions.js';
import type { ReleaseState } from './state.js';
import { systemReply } from './system.js';

/** Who answered: a modelled handler, the spec's example, release detection / sessions, or an error before any operation. */
export type AnswerSource = 'model' | 'example' | 'system' | 'error';

export interface DispatchResult {
  reply: Reply;
  release?: string;
  operation?: OperationSpec;
  source: AnswerSource;
}

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
  const own =
    systemReply(req, release, [...d.states.keys()], state.hasApi) ??
    apiExplorerReply(req, release) ??
    sessionReply(d.sessions, req, state.hasApiSession);
  if (own) return { reply: own, release, source: 'system' };

  const style = styleOf(req.pathname);
  const match = state.routes.match(req.method, req.pathname, req.search);
  if (!match) {
    // Another release served here may have it (8.0.2, the default, has no vcenter service): say which.
    const others = [...d.states.values()]
      .filter((s) => s !== state && s.routes.match(req.method, req.pathname, req.search))
      .map((s) => s.release);
    const hint = others.length
      ? `; ${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} it: choose one with the ${d.versionHeader} header`
      : '';
    const e = new MockFault(
      'NOT_FOUND',
      'com.vmware.vapi.rest.httpNotFound',
      `Release ${release} has no operation ${req.method} ${req.pathname}${hint}`,
    );
    return { reply: fault(e, style), release, source: 'error' };
  }
  const op = match.op;
  try {
    const session = d.sessions.check(req);
    const ctx = buildContext({
      op,
      release,
      inventory: state.inventory,
      tasks: state.tasks,
      user: session.user,
      random: state.random,
      params: match.params,
      search: req.search,
      body: req.body,
      now: d.now,
    });
    const handler = HANDLERS[modelName(op.name)];
    const status = op.success[0] ?? 200;
    if (op.async) {
      const twin = op.syncTwin ? state.routes.get(op.syncTwin) : undefined;
      const work = handler ? () => handler(ctx)?.value : () => exampleValue(state, twin);
      const id = state.tasks.start(op.name, session.user, work);
      return { reply: { status, body: wrap(op.style, id) }, release, operation: op, source: handler ? 'model' : 'example' };
    }
    if (handler) {
      const value = handler(ctx)?.value;
      return { reply: value === undefined ? { status } : { status, body: wrap(op.style, value) }, release, operation: op, source: 'model' };
    }
    return { reply: { status, body: state.example(op, status) }, release, operation: op, source: 'example' };
  } catch (e) {
    if (!(e instanceof MockFault)) throw e;
    return { reply: fault(e, op.style), release, operation: op, source: 'model' };
  }
}

/** The result of an unmodelled operation's example, as the client sees it (`/rest` unwrapped). */
function exampleValue(state: ReleaseState, op: OperationSpec | undefined): unknown {
  if (!op) return undefined;
  const wire = state.example(op, op.success[0] ?? 200) as { value?: unknown } | undefined;
  return op.style === 'rest' && wire && typeof wire === 'object' ? wire.value : wire;
}
