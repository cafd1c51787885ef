/**
 * Tasks of a client: `start` (the `vmw-task=true` variant of an operation → a handle), `run`
 * (start + wait), and `tasks.get / list / attach` for tasks this client did not start.
 *
 * A handle's `wait` polls with backoff (see backoff.ts), resolves with the task's result decoded
 * with the schema of the operation's synchronous twin, and rejects with the typed error of a
 * FAILED task, `TaskNotFound` (404), `TaskTimeout`, or the signal's reason.
 *
 * Observability: with OpenTelemetry, a task is a span (`vsphere.task.id`, status changes and
 * progress as events) whose children are the start request and the polls; always, the same
 * facts reach the `onTaskStart` / `onTaskProgress` / `onTaskEnd` hooks.
 */
import type { OperationSpec } from '../descriptor.js';
import { decode } from '../decode/index.js';
import { NotFound, UnexpectedResponse, UsageError } from '../errors.js';
import { callHook, type TaskEndInfo, type TaskStatus } from '../hooks.js';
import { callOperation, findOperation, operationIndex, type CallContext, type CallInitLoose } from '../operation.js';
import { addEvent, endSpan, setAttrs, type SpanRef, type Tracing } from '../tracing/otel.js';
import { DEFAULT_POLL_POLICY, resolvePollPolicy, systemClock, type PollPolicy, type ResolvedPollPolicy, type TaskClock } from './backoff.js';
import { requireTaskEndpoints, type TaskEndpoints } from './endpoints.js';
import { taskFailure, TaskNotFound, TaskTimeout, TERMINAL_STATUSES, toTaskInfo, type TaskInfo } from './info.js';
import { pollUntilDone } from './poller.js';

export interface WaitOptions<R = unknown> {
  /** Stop waiting (and polling) at once when it aborts; `wait` rejects with its reason. */
  signal?: AbortSignal | undefined;
  /** Stop waiting after this long (from the call to `wait`); rejects with `TaskTimeout`. */
  timeoutMs?: number | undefined;
  /** Called when the task's status or progress changes (and on the first poll). */
  onProgress?: ((info: TaskInfo<R>) => void) | undefined;
  /** Poll schedule: a policy, or a fixed interval in ms. Default: the client's (`tasks.poll`). */
  pollMs?: PollPolicy | number | undefined;
  /** On abort or timeout, also ask the server to cancel the task (only sent when the task is cancelable). */
  cancelOnAbort?: boolean | undefined;
}

/** A task on the server, watched by this client. */
export interface Task<R = unknown> {
  readonly id: string;
  /** The `$task` operation that started it (undefined when attached without one). */
  readonly operation: string | undefined;
  /** The info of the latest poll, if any. */
  readonly last: TaskInfo<R> | undefined;
  /** One poll. */
  info(options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo<R>>;
  /** Poll until the task ends; resolve with its result. */
  wait(options?: WaitOptions<R>): Promise<R>;
  /** Ask the server to cancel the task (the server refuses a task that is not cancelable: `Unsupported`). */
  cancel(options?: { signal?: AbortSignal | undefined }): Promise<void>;
}

/** `cis.tasks.FilterSpec`: every field optional, arrays match any of their values. */
export interface TaskFilter {
  tasks?: string[] | undefined;
  services?: string[] | undefined;
  operations?: string[] | undefined;
  status?: TaskStatus[] | undefined;
  targets?: { type: string; id: string }[] | undefined;
  users?: string[] | undefined;
}

export interface TaskService {
  /** Info of any task visible to the session (its `result` is not decoded: the operation is unknown). */
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo>;
  /** Tasks matching the filter (the server returns at most 1000). */
  list(filter?: TaskFilter, options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo[]>;
  /** A handle for a task this client did not start; name its `$task` operation to get a decoded result. */
  attach<R = unknown>(id: string, options?: { operation?: string | undefined }): Task<R>;
}

/** Client-wide task settings. */
export interface TaskDefaults {
  /** Default poll schedule (see `PollPolicy`). */
  poll?: PollPolicy | undefined;
  /** Time, sleep and randomness of the poller (tests, simulations). */
  clock?: Partial<TaskClock> | undefined;
}

/** What the task machinery needs from its client. */
export class TaskRuntime {
  readonly policy: ResolvedPollPolicy;
  readonly clock: TaskClock;

  constructor(
    readonly ctx: CallContext,
    readonly tracing: Tracing | undefined,
    defaults: TaskDefaults | undefined,
  ) {
    this.policy = resolvePollPolicy(defaults?.poll, DEFAULT_POLL_POLICY);
    this.clock = { ...systemClock, ...defaults?.clock };
  }

  get release(): string {
    return this.ctx.descriptor.release;
  }

  endpoints(what: string): TaskEndpoints {
    return requireTaskEndpoints(this.ctx.descriptor, what);
  }

  async span(name: string, attrs: Record<string, string | undefined>): Promise<SpanRef | undefined> {
    const pending = this.tracing?.api();
    const api = pending instanceof Promise ? await pending : pending;
    return api && this.tracing ? this.tracing.start(api, name, 'internal', attrs) : undefined;
  }

  /** One GET of the task; 404 → TaskNotFound. */
  async fetch(id: string, operation: string | undefined, signal: AbortSignal | undefined, trace: SpanRef | undefined): Promise<TaskInfo> {
    const ep = this.endpoints(operation ?? 'tasks.get');
    let data: unknown;
    try {
      data = await callOperation(this.ctx, ep.get.name, { path: { task: id }, signal }, { trace, decode: 'off' });
    } catch (err) {
      if (err instanceof NotFound && err.status === 404) {
        throw new TaskNotFound(`${operation ?? ep.get.name}: task ${id} not found (HTTP 404; release ${this.release})`, {
          status: 404,
          messages: err.messages,
          operation: operation ?? ep.get.name,
          release: this.release,
          method: ep.get.method,
          path: ep.get.path,
          body: err.body,
          cause: err,
          taskId: id,
        });
      }
      throw err;
    }
    return toTaskInfo(id, data, { operation: ep.get.name, release: this.release });
  }

  /** Decode a SUCCEEDED task's result with the schema of the operation's synchronous twin. */
  decodeResult(op: OperationSpec | undefined, info: TaskInfo): void {
    if (info.status !== 'SUCCEEDED' || info.result === undefined || !op?.syncTwin || this.ctx.decode === 'off') return;
    const twin = operationIndex(this.ctx.descriptor).get(op.syncTwin);
    const schema = twin?.result ? this.ctx.descriptor.schemas[twin.result] : undefined;
    if (!twin || !schema) return;
    info.result = decode(schema, info.result, {
      mode: this.ctx.decode,
      operation: twin.name,
      release: this.release,
      int64: this.ctx.int64,
      basePath: ['result'],
      onIssue: (issue) => callHook(this.ctx.hooks, 'onDecodeIssue', { operation: twin.name, release: this.release, method: twin.method, path: twin.path, issue }),
    }).data;
  }

  async cancel(id: string, operation: string | undefined, signal: AbortSignal | undefined, trace: SpanRef | undefined): Promise<void> {
    const ep = this.endpoints(operation ?? 'tasks.cancel');
    if (!ep.cancel) {
      throw new UsageError(`release ${this.release} has no task cancel operation`, { release: this.release, kind: 'TASKS_UNSUPPORTED' });
    }
    addEvent(trace, 'vsphere.task.cancel');
    await callOperation(this.ctx, ep.cancel.name, { path: { task: id }, query: ep.cancelQuery, signal }, { trace, decode: 'off' });
  }

  /** Start a `$task` operation. */
  async start(name: string, init: CallInitLoose | undefined): Promise<TaskHandle> {
    const op = findOperation(this.ctx.descriptor, name);
    if (!op.async) {
      throw new UsageError(`${name} is not a task operation (use call(), or its vmw-task variant '${name}$task')`, {
        operation: name,
        release: this.release,
        kind: 'NOT_A_TASK_OPERATION',
      });
    }
    // Before sending anything: a task this client could not watch is not started.
    this.endpoints(name);
    const span = await this.span(`vsphere.task ${name}`, { 'vsphere.operation': name, 'vsphere.release': this.release });
    const started = this.clock.now();
    let id: unknown;
    try {
      id = await callOperation(this.ctx, name, init, { trace: span, decode: 'off' });
      if (typeof id !== 'string' || !id) {
        throw new UnexpectedResponse(`${name}: expected a task id (a JSON string), got ${id === null ? 'null' : typeof id}`, {
          operation: name,
          release: this.release,
        });
      }
    } catch (err) {
      endSpan(span, err);
      throw err;
    }
    setAttrs(span, { 'vsphere.task.id': id });
    callHook(this.ctx.hooks, 'onTaskStart', { taskId: id, operation: name, release: this.release });
    return new TaskHandle(this, id, op, span, started);
  }

  attach(id: string, operation: string | undefined): TaskHandle {
    if (typeof id !== 'string' || !id) throw new UsageError('tasks.attach: a task id is required', { kind: 'MISSING_TASK_ID' });
    let op: OperationSpec | undefined;
    if (operation !== undefined) {
      op = findOperation(this.ctx.descriptor, operation);
    }
    this.endpoints(operation ?? 'tasks.attach');
    callHook(this.ctx.hooks, 'onTaskStart', { taskId: id, operation, release: this.release });
    return new TaskHandle(this, id, op, undefined, this.clock.now());
  }

  service(): TaskService {
    return {
      get: async (id, options) => {
        const span = await this.span('vsphere.task.get', { 'vsphere.release': this.release, 'vsphere.task.id': id });
        try {
          const info = await this.fetch(id, undefined, options?.signal, span);
          endSpan(span);
          return info;
        } catch (err) {
          endSpan(span, err);
          throw err;
        }
      },
      list: (filter, options) => this.list(filter ?? {}, options?.signal),
      attach: <R>(id: string, options?: { operation?: string | undefined }) => this.attach(id, options?.operation) as unknown as Task<R>,
    };
  }

  async list(filter: TaskFilter, signal: AbortSignal | undefined): Promise<TaskInfo[]> {
    const ep = this.endpoints('tasks.list');
    const op = ep.list;
    if (!op) throw new UsageError(`release ${this.release} has no task list operation`, { release: this.release, kind: 'TASKS_UNSUPPORTED' });
    const spec = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
    let init: CallInitLoose;
    if (op.method === 'POST') {
      init = { body: { filter_spec: spec }, signal };
    } else {
      // The query names the release declares: `filter_spec.tasks` (/rest), `tasks` (/api)...
      const names = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      const query: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(spec)) {
        const key = [`filter_spec.${k}`, `filter.${k}`, k].find((n) => names.has(n)) ?? k;
        query[key] = v;
      }
      init = { query, signal };
    }
    const data = await callOperation(this.ctx, op.name, init, { decode: 'off' });
    const entries: [string, unknown][] = Array.isArray(data)
      ? data.map((e) => [String((e as { key?: unknown }).key), (e as { value?: unknown }).value])
      : data && typeof data === 'object'
        ? Object.entries(data as Record<string, unknown>)
        : [];
    return entries.map(([id, info]) => toTaskInfo(id, info, { operation: op.name, release: this.release }));
  }
}

const progressKey = (i: TaskInfo): string => (i.progress ? `${i.progress.completed}/${i.progress.total}/${i.progress.message?.default_message ?? ''}` : '');

export class TaskHandle<R = unknown> implements Task<R> {
  last: TaskInfo<R> | undefined;
  /** Polls by this handle so far. */
  polls = 0;
  private waiting = 0;

  constructor(
    private readonly rt: TaskRuntime,
    readonly id: string,
    private readonly op: OperationSpec | undefined,
    /** The task's span; ended (and cleared) when a wait settles or a poll sees the end. */
    private span: SpanRef | undefined,
    private started: number,
  ) {}

  get operation(): string | undefined {
    return this.op?.name;
  }

  private get label(): string {
    return this.op?.name ?? 'task';
  }

  private async ensureSpan(): Promise<void> {
    if (this.span) return;
    this.span = await this.rt.span(`vsphere.task ${this.op?.name ?? ''}`.trim(), {
      'vsphere.operation': this.op?.name,
      'vsphere.release': this.rt.release,
      'vsphere.task.id': this.id,
    });
  }

  private async poll(signal: AbortSignal | undefined, onProgress?: (info: TaskInfo<R>) => void): Promise<TaskInfo<R>> {
    this.polls++;
    const info = await this.rt.fetch(this.id, this.op?.name, signal, this.span);
    this.rt.decodeResult(this.op, info);
    this.observe(info as TaskInfo<R>, onProgress);
    return info as TaskInfo<R>;
  }

  /** Report status and progress changes: span events, `onTaskProgress`, the caller's `onProgress`. */
  private observe(info: TaskInfo<R>, onProgress?: (info: TaskInfo<R>) => void): void {
    const prev = this.last;
    this.last = info;
    const statusChanged = prev?.status !== info.status;
    const progressChanged = !prev || progressKey(prev) !== progressKey(info);
    if (!statusChanged && !progressChanged) return;
    const progress = info.progress
      ? { total: info.progress.total, completed: info.progress.completed, message: info.progress.message?.default_message }
      : undefined;
    if (statusChanged) addEvent(this.span, 'vsphere.task.status', { 'vsphere.task.status': info.status, 'vsphere.task.previous_status': prev?.status });
    if (progress && progressChanged) {
      addEvent(this.span, 'vsphere.task.progress', {
        'vsphere.task.progress.completed': progress.completed,
        'vsphere.task.progress.total': progress.total,
        'vsphere.task.progress.message': progress.message,
      });
    }
    callHook(this.rt.ctx.hooks, 'onTaskProgress', {
      taskId: this.id,
      operation: this.op?.name,
      release: this.rt.release,
      status: info.status,
      previousStatus: prev?.status,
      progress,
      polls: this.polls,
    });
    if (onProgress) {
      try {
        onProgress(info);
      } catch (e) {
        process.emitWarning(`vcenter-sdk: onProgress threw: ${e instanceof Error ? e.message : String(e)}`, { code: 'VCENTER_SDK_HOOK_ERROR' });
      }
    }
  }

  private finish(outcome: TaskEndInfo['outcome'], error?: unknown): void {
    const status = this.last?.status;
    setAttrs(this.span, { 'vsphere.task.status': status, 'vsphere.task.outcome': outcome, 'vsphere.task.polls': this.polls });
    endSpan(this.span, error);
    this.span = undefined;
    callHook(this.rt.ctx.hooks, 'onTaskEnd', {
      taskId: this.id,
      operation: this.op?.name,
      release: this.rt.release,
      status,
      outcome,
      ...(error !== undefined ? { error } : {}),
      durationMs: this.rt.clock.now() - this.started,
      polls: this.polls,
    });
  }

  private settle(info: TaskInfo<R>): R {
    if (info.status === 'SUCCEEDED') {
      this.finish('succeeded');
      return info.result as R;
    }
    const err = taskFailure(info, { operation: this.label, release: this.rt.release, redactor: this.rt.ctx.redactor });
    this.finish('failed', err);
    throw err;
  }

  async info(options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo<R>> {
    await this.ensureSpan();
    let info: TaskInfo<R>;
    try {
      info = await this.poll(options?.signal);
    } catch (err) {
      if (err instanceof TaskNotFound && this.waiting === 0) this.finish('not_found', err);
      throw err;
    }
    // Seen ending outside of wait: the task's span ends here.
    if (TERMINAL_STATUSES.has(info.status) && this.waiting === 0 && this.span) {
      if (info.status === 'SUCCEEDED') this.finish('succeeded');
      else this.finish('failed', taskFailure(info, { operation: this.label, release: this.rt.release, redactor: this.rt.ctx.redactor }));
    }
    return info;
  }

  async wait(options: WaitOptions<R> = {}): Promise<R> {
    const { signal, timeoutMs, onProgress } = options;
    // Already seen ending (info() or an earlier wait): no poll.
    if (this.last && TERMINAL_STATUSES.has(this.last.status)) {
      if (this.last.status === 'SUCCEEDED') return this.last.result as R;
      throw taskFailure(this.last, { operation: this.label, release: this.rt.release, redactor: this.rt.ctx.redactor });
    }
    const policy = options.pollMs === undefined ? this.rt.policy : resolvePollPolicy(options.pollMs, this.rt.policy);
    if (!this.span) this.started = this.rt.clock.now();
    await this.ensureSpan();
    this.waiting++;
    let info: TaskInfo<R>;
    try {
      info = (await pollUntilDone({
        fetch: (s) => this.poll(s, onProgress),
        policy,
        startedAt: this.started,
        clock: this.rt.clock,
        signal,
        timeoutMs,
        timeoutError: () =>
          new TaskTimeout(`${this.label}: task ${this.id} did not end within ${timeoutMs} ms (last status ${this.last?.status ?? 'unknown'})`, {
            operation: this.label,
            release: this.rt.release,
            taskId: this.id,
            timeoutMs: timeoutMs ?? 0,
            lastStatus: this.last?.status,
          }),
      })) as TaskInfo<R>;
    } catch (err) {
      const stopped = err instanceof TaskTimeout || (signal?.aborted === true && err === signal.reason);
      if (stopped && options.cancelOnAbort) await this.cancelIfAllowed();
      this.finish(err instanceof TaskTimeout ? 'timeout' : stopped ? 'aborted' : err instanceof TaskNotFound ? 'not_found' : 'error', err);
      throw err;
    } finally {
      this.waiting--;
    }
    return this.settle(info);
  }

  /** `cancelOnAbort`: cancel only a task known to be cancelable (one poll first when none was made). */
  private async cancelIfAllowed(): Promise<void> {
    try {
      const info = this.last ?? (await this.poll(undefined));
      if (!info.cancelable || TERMINAL_STATUSES.has(info.status)) {
        addEvent(this.span, 'vsphere.task.cancel_skipped', { 'vsphere.task.cancelable': info.cancelable, 'vsphere.task.status': info.status });
        return;
      }
      await this.rt.cancel(this.id, this.op?.name, undefined, this.span);
    } catch (err) {
      callHook(this.rt.ctx.hooks, 'onWarning', {
        code: 'TASK_CANCEL_FAILED',
        message: `${this.label}: cancelling task ${this.id} after abort failed: ${err instanceof Error ? err.message : String(err)}`,
        operation: this.op?.name,
        release: this.rt.release,
      });
    }
  }

  async cancel(options?: { signal?: AbortSignal | undefined }): Promise<void> {
    await this.rt.cancel(this.id, this.op?.name, options?.signal, this.span);
  }
}
