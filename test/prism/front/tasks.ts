/**
 * Tasks that run, in the mock vCenter.
 *
 * Prism alone answers a `vmw-task=true` operation with the spec's example task id and
 * `GET /api/cis/tasks/{task}` with a static example whose status is the first enum value
 * (PENDING), so a client waiting on a task never finishes. The mock keeps tasks of its own:
 *
 * - An async operation (operations.json `async: true`) still goes to Prism first, to
 *   validate the request (`--errors`); a 4xx from Prism is the answer, as is. When the
 *   operation has a `syncTwin`, the twin is then called through Prism with the same
 *   parameters and body, and its example result becomes the task's result (unwrapped from
 *   `{"value": ...}` for `/rest`, i.e. the shape the SDK decodes with the twin's schema).
 *   The answer is a new id `task-<n>`: `202 "task-1"` (`/api`) or
 *   `200 {"value": "task-1"}` (`/rest`), with the success status the release's spec
 *   declares (Prism's: 7.0.2 declares 200 for its `/api` task operations).
 * - `GET /api/cis/tasks/{task}` (`/rest/cis/tasks/{task}`, wrapped) advances per poll:
 *   PENDING, then RUNNING at 50 %, then SUCCEEDED with the result. `exclude_result`
 *   (`spec.exclude_result` on /rest) leaves the result out.
 * - `POST .../cis/tasks/{task}?action=cancel` ends an unfinished task FAILED with a CANCELED
 *   error (204 on /api, 200 on /rest); a finished one → NOT_ALLOWED_IN_CURRENT_STATE.
 * - `GET /rest/cis/tasks` (`filter_spec.*` query) and `POST /api/cis/tasks?action=list`
 *   (`{filter_spec}` body) list the mock's tasks; listing does not advance them.
 *
 * The task info follows `CisTaskInfo` / `cis.task.info` of the generated documents: the
 * required `description` (a localizable message), `service`, `operation`, `status` and
 * `cancelable`; `progress` with its required `total`, `completed` and `message`; and `error`
 * as the spec types it, a string (the JSON text of the vAPI error, which the runtime parses).
 *
 * The lifecycle (steps, cancel, the info's shape) is @vcenter-sdk/mock's own TaskStore, so
 * that the two servers' tasks cannot drift apart; this module keeps only what Prism adds:
 * validating the request, the twin's example as the result, and which requests it answers.
 * Tasks belong to the release they were started on (each release is its own vCenter), and
 * to one store, i.e. one mock instance. Ids the store does not know go to Prism as before.
 * Only the task endpoints the release declares are answered.
 */
import type { OperationSpec } from '@vcenter-sdk/runtime';
import { MockFault } from '@vcenter-sdk/mock/src/errors.js';
import { TaskStore } from '@vcenter-sdk/mock/src/tasks.js';
import type { ReleaseRoutes, RouteMatch } from './routes.js';
import { apiError, restError, type FrontRequest, type Reply } from './system.js';

type Task = ReturnType<TaskStore['get']>;

/** What came back from Prism for one buffered request. */
export interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The mock's answer to an async operation: its own reply, or Prism's (a 4xx) as received. */
export type StartOutcome = { reply: Reply; forwardedTo: string } | { upstream: Upstream; forwardedTo: string };

/** The front takes any login without a password check, so its tasks are the default user's. */
const TASK_USER = 'administrator@vsphere.local';

function errorOf(style: 'api' | 'rest', errorType: string, id: string, text: string, status: number): Reply {
  return { status, body: style === 'api' ? apiError(errorType, id, text) : restError(errorType.toLowerCase(), id, text) };
}

const queryList = (search: URLSearchParams, ...names: string[]): string[] =>
  names
    .flatMap((n) => search.getAll(n))
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');

export interface FrontTaskStoreOptions {
  /** The clock of start/end times (default `new Date()`). */
  now?: () => Date;
}

export class FrontTaskStore {
  private readonly store: TaskStore;
  /** The release each task was started on. */
  private readonly releaseOf = new Map<string, string>();

  constructor(options: FrontTaskStoreOptions = {}) {
    this.store = new TaskStore(options.now ?? (() => new Date()));
  }

  /**
   * Start a task for a request routed to an async operation: validate it with Prism, get the
   * twin's example result from Prism, then answer with a new task id.
   * `forward(url)` sends the request (same method, headers and body) to the release's Prism.
   */
  async start(args: {
    release: string;
    routes: ReleaseRoutes;
    match: RouteMatch;
    search: URLSearchParams;
    forward: (url: string) => Promise<Upstream>;
  }): Promise<StartOutcome> {
    const { release, routes, match, search, forward } = args;
    const op = match.op;
    const validated = await forward(match.url);
    if (validated.status >= 400) return { upstream: validated, forwardedTo: match.url };

    let work: () => unknown = () => undefined;
    let forwardedTo = match.url;
    const twinUrl = op.syncTwin ? twinUrlOf(routes, op, match, search) : undefined;
    if (twinUrl) {
      forwardedTo += ` + ${twinUrl}`;
      const twin = await forward(twinUrl);
      if (twin.status >= 200 && twin.status < 300) {
        const text = twin.body.toString('utf8').trim();
        const parsed: unknown = text === '' ? undefined : JSON.parse(text);
        const result =
          op.style === 'rest' && parsed && typeof parsed === 'object' && 'value' in parsed ? (parsed as { value: unknown }).value : parsed;
        work = () => result;
      } else {
        // The twin refused what the task variant accepted (the spec's two request schemas
        // differ): the task fails with the twin's answer, as a server would report it.
        const refused = new MockFault(
          'INVALID_ARGUMENT',
          'com.vmware.mock.task.twin_failed',
          `${op.syncTwin} (through Prism) answered HTTP ${twin.status}: ${twin.body.toString('utf8').slice(0, 500)}`,
        );
        work = () => {
          throw refused;
        };
      }
    }

    const id = this.store.start(op.name, TASK_USER, work);
    this.releaseOf.set(id, release);
    // The success status the release's spec declares, as Prism chose it (202 on 7.0.3, 200 on 7.0.2's /api).
    const status =
      validated.status >= 200 && validated.status < 300 && validated.status !== 204 ? validated.status : op.style === 'api' ? 202 : 200;
    const reply: Reply = op.style === 'api' ? { status, body: id } : { status, body: { value: id } };
    return { reply, forwardedTo };
  }

  /**
   * The mock's answer for a request to the task service, or undefined when it is not one of
   * the mock's (an unknown id, a release without that endpoint): then it goes to Prism.
   */
  reply(release: string, routes: ReleaseRoutes, { method, pathname, search, headers, body }: FrontRequest): Reply | undefined {
    const m = /^\/(api|rest)\/cis\/tasks(?:\/([^/]+))?\/?$/.exec(pathname);
    if (!m) return undefined;
    const style = m[1] as 'api' | 'rest';
    const rawId = m[2];
    const wrap = (value: unknown): unknown => (style === 'rest' ? { value } : value);

    if (rawId === undefined) {
      const isList =
        (method === 'GET' && routes.has('GET', pathname) && !search.has('action')) ||
        (method === 'POST' && style === 'api' && search.get('action') === 'list' && routes.has('POST', pathname));
      if (!isList) return undefined;
      const denied = this.unauthenticated(style, headers);
      if (denied) return denied;
      const filter = method === 'POST' ? filterFromBody(body) : filterFromQuery(search);
      const hits = this.store.list().filter((t) => this.releaseOf.get(t.id) === release && matches(t, filter));
      const excludeResult =
        method === 'POST'
          ? (body as { result_spec?: { exclude_result?: boolean } } | undefined)?.result_spec?.exclude_result === true
          : search.get('result_spec.exclude_result') === 'true';
      const entries = hits.map((t) => [t.id, this.store.info(t, !excludeResult)] as const);
      // /rest: a list of {key, value}; /api: a map id → info.
      return {
        status: 200,
        body: style === 'rest' ? { value: entries.map(([key, value]) => ({ key, value })) } : Object.fromEntries(entries),
      };
    }

    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return undefined;
    }
    if (this.releaseOf.get(id) !== release) return undefined;
    const task = this.store.get(id);
    const template = `/${style}/cis/tasks/{task}`;

    if (method === 'GET' && routes.has('GET', template)) {
      const denied = this.unauthenticated(style, headers);
      if (denied) return denied;
      const excludeResult = search.get(style === 'api' ? 'exclude_result' : 'spec.exclude_result') === 'true';
      return { status: 200, body: wrap(this.store.poll(task, !excludeResult)) };
    }
    const action = search.get('action') ?? search.get('~action');
    if (method === 'POST' && action === 'cancel' && routes.has('POST', template)) {
      const denied = this.unauthenticated(style, headers);
      if (denied) return denied;
      try {
        this.store.cancel(task);
      } catch (e) {
        if (e instanceof MockFault) return { status: e.status, body: e.body(style) };
        throw e;
      }
      return { status: style === 'api' ? 204 : 200 };
    }
    return undefined;
  }

  private unauthenticated(style: 'api' | 'rest', headers: Record<string, string | string[] | undefined>): Reply | undefined {
    if (headers['vmware-api-session-id']) return undefined;
    return errorOf(
      style,
      'UNAUTHENTICATED',
      'vapi.security.authentication.invalid',
      'This operation requires a session (vmware-api-session-id)',
      401,
    );
  }
}

interface Filter {
  tasks: string[];
  services: string[];
  operations: string[];
  status: string[];
}

function filterFromQuery(search: URLSearchParams): Filter {
  const f = (k: string): string[] => queryList(search, `filter_spec.${k}`, k);
  return { tasks: f('tasks'), services: f('services'), operations: f('operations'), status: f('status') };
}

function filterFromBody(body: unknown): Filter {
  const spec = ((body as { filter_spec?: unknown } | undefined)?.filter_spec ?? {}) as Record<string, unknown>;
  const f = (k: string): string[] => (Array.isArray(spec[k]) ? (spec[k] as unknown[]).map(String) : []);
  return { tasks: f('tasks'), services: f('services'), operations: f('operations'), status: f('status') };
}

function matches(t: Task, f: Filter): boolean {
  return (
    (f.tasks.length === 0 || f.tasks.includes(t.id)) &&
    (f.services.length === 0 || f.services.includes(t.service)) &&
    (f.operations.length === 0 || f.operations.includes(t.method)) &&
    (f.status.length === 0 || f.status.includes(t.status))
  );
}

/**
 * The folded URL of the twin of an async operation, for the same request: the twin's own
 * route with the request's path parameters and its query minus `vmw-task=true`.
 */
export function twinUrlOf(routes: ReleaseRoutes, op: OperationSpec, match: RouteMatch, search: URLSearchParams): string | undefined {
  const twin = routes.operations.find((o) => o.name === op.syncTwin);
  if (!twin) return undefined;
  const pathname = twin.pathname.replace(/\{([^{}]+)\}/g, (all, name: string) => match.pathParams[name] ?? all);
  const query = new URLSearchParams();
  for (const [k, v] of search) if (!(k === 'vmw-task' && v === 'true')) query.append(k, v);
  const routed = routes.match(twin.method, pathname, query);
  return routed && routed.op.name === twin.name ? routed.url : undefined;
}
