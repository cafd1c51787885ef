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
 *   The answer is a new id `mock-task-<n>`: `202 "mock-task-1"` (`/api`) or
 *   `200 {"value": "mock-task-1"}` (`/rest`), with the success status the release's spec
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
 * Tasks belong to the release they were started on (each release is its own vCenter), and
 * to one store, i.e. one mock instance. Ids the store does not know go to Prism as before.
 * Only the task endpoints the release declares are answered.
 */
import type { OperationSpec } from '@vcenter-sdk/runtime';
import type { ReleaseRoutes, RouteMatch } from './routes.js';
import { apiError, restError, type FrontRequest, type Reply } from './system.js';

export type FrontTaskStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface LocalizableMessage {
  id: string;
  default_message: string;
  args: string[];
}

/** The task info as served (`CisTaskInfo` / `cis.task.info`). */
export interface FrontTaskInfo {
  description: LocalizableMessage;
  service: string;
  operation: string;
  status: FrontTaskStatus;
  cancelable: boolean;
  progress?: { total: number; completed: number; message: LocalizableMessage };
  result?: unknown;
  error?: string;
  start_time?: string;
  end_time?: string;
}

interface FrontTask {
  id: string;
  release: string;
  /** The `$task` operation that started it. */
  operation: string;
  service: string;
  method: string;
  description: LocalizableMessage;
  /** Polls answered so far (GET by id). */
  polls: number;
  status: FrontTaskStatus;
  /** The twin's example result, when it has one. */
  result?: unknown;
  hasResult: boolean;
  error?: string;
  created: string;
  start_time?: string;
  end_time?: string;
}

/** What came back from Prism for one buffered request. */
export interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The mock's answer to an async operation: its own reply, or Prism's (a 4xx) as received. */
export type StartOutcome = { reply: Reply; forwardedTo: string } | { upstream: Upstream; forwardedTo: string };

const message = (id: string, text: string, args: string[] = []): LocalizableMessage => ({ id, default_message: text, args });

/** `vcenter.vm.clone$task` / `rest.vcenter.vm.clone$task` → `vcenter.vm.clone`. */
function baseName(name: string): string {
  return name.replace(/^rest\./, '').replace(/\$task$/, '');
}

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
  private readonly tasks = new Map<string, FrontTask>();
  private next = 0;
  private readonly now: () => Date;

  constructor(options: FrontTaskStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /** Ids of the tasks of a release (all releases when omitted), oldest first. */
  ids(release?: string): string[] {
    return [...this.tasks.values()].filter((t) => release === undefined || t.release === release).map((t) => t.id);
  }

  /** The current info of a task, without counting a poll. */
  peek(id: string): FrontTaskInfo | undefined {
    const t = this.tasks.get(id);
    return t ? this.info(t, true) : undefined;
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

    let result: unknown;
    let hasResult = false;
    let error: string | undefined;
    let forwardedTo = match.url;
    const twinUrl = op.syncTwin ? twinUrlOf(routes, op, match, search) : undefined;
    if (twinUrl) {
      forwardedTo += ` + ${twinUrl}`;
      const twin = await forward(twinUrl);
      if (twin.status >= 200 && twin.status < 300) {
        const text = twin.body.toString('utf8').trim();
        if (text !== '') {
          const parsed: unknown = JSON.parse(text);
          result =
            op.style === 'rest' && parsed && typeof parsed === 'object' && 'value' in parsed
              ? (parsed as { value: unknown }).value
              : parsed;
          hasResult = result !== undefined;
        }
      } else {
        // The twin refused what the task variant accepted (the spec's two request schemas
        // differ): the task fails with the twin's answer, as a server would report it.
        error = JSON.stringify(
          apiError(
            'INVALID_ARGUMENT',
            'com.vmware.mock.task.twin_failed',
            `${op.syncTwin} (through Prism) answered HTTP ${twin.status}: ${twin.body.toString('utf8').slice(0, 500)}`,
          ),
        );
      }
    }

    const id = `mock-task-${++this.next}`;
    const name = baseName(op.name);
    const dot = name.lastIndexOf('.');
    const task: FrontTask = {
      id,
      release,
      operation: op.name,
      service: `com.vmware.${dot > 0 ? name.slice(0, dot) : name}`,
      method: dot > 0 ? name.slice(dot + 1) : name,
      description: message(`com.vmware.${name}`, `${name} (mock task of ${op.name})`),
      polls: 0,
      status: 'PENDING',
      hasResult,
      ...(hasResult ? { result } : {}),
      ...(error !== undefined ? { error } : {}),
      created: this.now().toISOString(),
    };
    this.tasks.set(id, task);
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
      const hits = [...this.tasks.values()].filter((t) => t.release === release && matches(t, filter));
      const excludeResult =
        method === 'POST'
          ? (body as { result_spec?: { exclude_result?: boolean } } | undefined)?.result_spec?.exclude_result === true
          : search.get('result_spec.exclude_result') === 'true';
      // /rest: a list of {key, value}; /api: a map id → info.
      if (style === 'rest') return { status: 200, body: { value: hits.map((t) => ({ key: t.id, value: this.info(t, !excludeResult) })) } };
      return { status: 200, body: Object.fromEntries(hits.map((t) => [t.id, this.info(t, !excludeResult)])) };
    }

    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return undefined;
    }
    const task = this.tasks.get(id);
    if (!task || task.release !== release) return undefined;
    const template = `/${style}/cis/tasks/{task}`;

    if (method === 'GET' && routes.has('GET', template)) {
      const denied = this.unauthenticated(style, headers);
      if (denied) return denied;
      const excludeResult = search.get(style === 'api' ? 'exclude_result' : 'spec.exclude_result') === 'true';
      const info = this.poll(task, !excludeResult);
      return { status: 200, body: wrap(info) };
    }
    const action = search.get('action') ?? search.get('~action');
    if (method === 'POST' && action === 'cancel' && routes.has('POST', template)) {
      const denied = this.unauthenticated(style, headers);
      if (denied) return denied;
      if (task.status === 'SUCCEEDED' || task.status === 'FAILED') {
        return errorOf(
          style,
          'NOT_ALLOWED_IN_CURRENT_STATE',
          'com.vmware.cis.tasks.completed',
          `Task ${id} has already completed (${task.status})`,
          400,
        );
      }
      const at = this.now().toISOString();
      task.status = 'FAILED';
      task.start_time ??= at;
      task.end_time = at;
      task.error = JSON.stringify(apiError('CANCELED', 'com.vmware.cis.tasks.canceled', `Task ${id} was canceled by a user.`));
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

  /** One poll: the current step, then the next one (PENDING → RUNNING 50 % → SUCCEEDED). */
  private poll(t: FrontTask, withResult: boolean): FrontTaskInfo {
    t.polls++;
    if (t.status === 'PENDING' && t.polls >= 2) {
      t.status = 'RUNNING';
      t.start_time = this.now().toISOString();
    } else if (t.status === 'RUNNING' && t.polls >= 3) {
      t.status = t.error !== undefined ? 'FAILED' : 'SUCCEEDED';
      t.end_time = this.now().toISOString();
    }
    return this.info(t, withResult);
  }

  private info(t: FrontTask, withResult: boolean): FrontTaskInfo {
    const done = t.status === 'SUCCEEDED' || t.status === 'FAILED';
    const info: FrontTaskInfo = {
      description: t.description,
      service: t.service,
      operation: t.method,
      status: t.status,
      cancelable: !done,
    };
    if (t.status === 'RUNNING') {
      info.progress = {
        total: 100,
        completed: 50,
        message: message('com.vmware.mock.task.progress', `${baseName(t.operation)}: half way`),
      };
    } else if (t.status === 'SUCCEEDED') {
      info.progress = { total: 100, completed: 100, message: message('com.vmware.mock.task.progress', `${baseName(t.operation)}: done`) };
    }
    if (t.start_time) info.start_time = t.start_time;
    if (t.end_time) info.end_time = t.end_time;
    if (t.status === 'SUCCEEDED' && t.hasResult && withResult) info.result = t.result;
    if (t.status === 'FAILED' && t.error !== undefined) info.error = t.error;
    return info;
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

function matches(t: FrontTask, f: Filter): boolean {
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
